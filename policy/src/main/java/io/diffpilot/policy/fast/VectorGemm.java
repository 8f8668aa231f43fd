package io.diffpilot.policy.fast;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Gemm} on the Vector API: panels of two vectors of output channels, register tiles of
 * 2 × 6 accumulators (two vectors of channels × six columns; then 2 × 4 and 2 × 1 for the rest),
 * one fused multiply-add per weight vector and broadcast input. Twelve independent accumulators
 * hide the FMA latency and fill AVX2's 16 registers with the two weight vectors and a broadcast;
 * the weights of a panel stream from memory once per six columns. Six columns instead of four
 * gave 17 % more batch-64 chunks/s at 256-bit vectors and 24 % at 512-bit (`bench policy`,
 * 2026-12-06); the same change to the training kernels made them slower, so those keep four.
 */
final class VectorGemm implements Gemm {

  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();
  private static final int MR = 2 * L;

  @Override
  public int panelWidth() {
    return MR;
  }

  @Override
  public String name() {
    return "vector-" + S.vectorBitSize();
  }

  @Override
  public void multiply(PackedWeights w, float[] in, int[] inOff, float[] out, int[] outOff, int columns,
      int panelFrom, int panelTo) {
    if (w.mr != MR) {
      throw new IllegalArgumentException("weights packed for panel width " + w.mr + ", kernel uses " + MR);
    }
    final int k = w.k;
    for (int p = panelFrom; p < panelTo; p++) {
      int o0 = p * MR;
      int wBase = p * k * MR;
      if (o0 + MR > w.cout) {
        partialPanel(w, wBase, o0, in, inOff, out, outOff, columns);
        continue;
      }
      int n = 0;
      for (; n + 6 <= columns; n += 6) {
        tile6(w.data, wBase, k, w.bias, o0, in, inOff, n, out, outOff, o0);
      }
      for (; n + 4 <= columns; n += 4) {
        tile4(w.data, wBase, k, w.bias, o0, in, inOff[n], inOff[n + 1], inOff[n + 2], inOff[n + 3],
            out, outOff[n] + o0, outOff[n + 1] + o0, outOff[n + 2] + o0, outOff[n + 3] + o0);
      }
      for (; n < columns; n++) {
        tile1(w.data, wBase, k, w.bias, o0, in, inOff[n], out, outOff[n] + o0);
      }
    }
  }

  /** As {@link #tile4} with six columns: 12 accumulators, the most 16 AVX2 registers hold beside two weight vectors and a broadcast. */
  private static void tile6(float[] wd, int wBase, int k, float[] bias, int o0, float[] in, int[] inOff, int n,
      float[] out, int[] outOff, int oc) {
    int x0 = inOff[n];
    int x1 = inOff[n + 1];
    int x2 = inOff[n + 2];
    int x3 = inOff[n + 3];
    int x4 = inOff[n + 4];
    int x5 = inOff[n + 5];
    FloatVector b0 = FloatVector.fromArray(S, bias, o0);
    FloatVector b1 = FloatVector.fromArray(S, bias, o0 + L);
    FloatVector a00 = b0;
    FloatVector a01 = b0;
    FloatVector a02 = b0;
    FloatVector a03 = b0;
    FloatVector a04 = b0;
    FloatVector a05 = b0;
    FloatVector a10 = b1;
    FloatVector a11 = b1;
    FloatVector a12 = b1;
    FloatVector a13 = b1;
    FloatVector a14 = b1;
    FloatVector a15 = b1;
    int wi = wBase;
    for (int kk = 0; kk < k; kk++, wi += MR) {
      FloatVector w0 = FloatVector.fromArray(S, wd, wi);
      FloatVector w1 = FloatVector.fromArray(S, wd, wi + L);
      FloatVector x = FloatVector.broadcast(S, in[x0 + kk]);
      a00 = w0.fma(x, a00);
      a10 = w1.fma(x, a10);
      x = FloatVector.broadcast(S, in[x1 + kk]);
      a01 = w0.fma(x, a01);
      a11 = w1.fma(x, a11);
      x = FloatVector.broadcast(S, in[x2 + kk]);
      a02 = w0.fma(x, a02);
      a12 = w1.fma(x, a12);
      x = FloatVector.broadcast(S, in[x3 + kk]);
      a03 = w0.fma(x, a03);
      a13 = w1.fma(x, a13);
      x = FloatVector.broadcast(S, in[x4 + kk]);
      a04 = w0.fma(x, a04);
      a14 = w1.fma(x, a14);
      x = FloatVector.broadcast(S, in[x5 + kk]);
      a05 = w0.fma(x, a05);
      a15 = w1.fma(x, a15);
    }
    int y = outOff[n] + oc;
    a00.intoArray(out, y);
    a10.intoArray(out, y + L);
    y = outOff[n + 1] + oc;
    a01.intoArray(out, y);
    a11.intoArray(out, y + L);
    y = outOff[n + 2] + oc;
    a02.intoArray(out, y);
    a12.intoArray(out, y + L);
    y = outOff[n + 3] + oc;
    a03.intoArray(out, y);
    a13.intoArray(out, y + L);
    y = outOff[n + 4] + oc;
    a04.intoArray(out, y);
    a14.intoArray(out, y + L);
    y = outOff[n + 5] + oc;
    a05.intoArray(out, y);
    a15.intoArray(out, y + L);
  }

  private static void tile4(float[] wd, int wBase, int k, float[] bias, int o0, float[] in,
      int x0, int x1, int x2, int x3, float[] out, int y0, int y1, int y2, int y3) {
    FloatVector b0 = FloatVector.fromArray(S, bias, o0);
    FloatVector b1 = FloatVector.fromArray(S, bias, o0 + L);
    FloatVector a00 = b0;
    FloatVector a01 = b0;
    FloatVector a02 = b0;
    FloatVector a03 = b0;
    FloatVector a10 = b1;
    FloatVector a11 = b1;
    FloatVector a12 = b1;
    FloatVector a13 = b1;
    int wi = wBase;
    for (int kk = 0; kk < k; kk++, wi += MR) {
      FloatVector w0 = FloatVector.fromArray(S, wd, wi);
      FloatVector w1 = FloatVector.fromArray(S, wd, wi + L);
      FloatVector x = FloatVector.broadcast(S, in[x0 + kk]);
      a00 = w0.fma(x, a00);
      a10 = w1.fma(x, a10);
      x = FloatVector.broadcast(S, in[x1 + kk]);
      a01 = w0.fma(x, a01);
      a11 = w1.fma(x, a11);
      x = FloatVector.broadcast(S, in[x2 + kk]);
      a02 = w0.fma(x, a02);
      a12 = w1.fma(x, a12);
      x = FloatVector.broadcast(S, in[x3 + kk]);
      a03 = w0.fma(x, a03);
      a13 = w1.fma(x, a13);
    }
    a00.intoArray(out, y0);
    a10.intoArray(out, y0 + L);
    a01.intoArray(out, y1);
    a11.intoArray(out, y1 + L);
    a02.intoArray(out, y2);
    a12.intoArray(out, y2 + L);
    a03.intoArray(out, y3);
    a13.intoArray(out, y3 + L);
  }

  private static void tile1(float[] wd, int wBase, int k, float[] bias, int o0, float[] in, int x0,
      float[] out, int y0) {
    FloatVector a0 = FloatVector.fromArray(S, bias, o0);
    FloatVector a1 = FloatVector.fromArray(S, bias, o0 + L);
    int wi = wBase;
    for (int kk = 0; kk < k; kk++, wi += MR) {
      FloatVector x = FloatVector.broadcast(S, in[x0 + kk]);
      a0 = FloatVector.fromArray(S, wd, wi).fma(x, a0);
      a1 = FloatVector.fromArray(S, wd, wi + L).fma(x, a1);
    }
    a0.intoArray(out, y0);
    a1.intoArray(out, y0 + L);
  }

  /** The last panel of a layer narrower than a panel (the 1×1 output conv): plain loops. */
  private static void partialPanel(PackedWeights w, int wBase, int o0, float[] in, int[] inOff,
      float[] out, int[] outOff, int columns) {
    int width = w.cout - o0;
    for (int n = 0; n < columns; n++) {
      int x = inOff[n];
      int y = outOff[n] + o0;
      for (int r = 0; r < width; r++) {
        float acc = w.bias[o0 + r];
        int wi = wBase + r;
        for (int kk = 0; kk < w.k; kk++, wi += MR) {
          acc += w.data[wi] * in[x + kk];
        }
        out[y + r] = acc;
      }
    }
  }
}
