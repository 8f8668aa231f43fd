package io.diffpilot.policy.fast;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link TrainKernels} on the Vector API: register tiles of four rows × two vectors (eight
 * accumulators, one broadcast per row and one load per vector per step of the reduction), sized
 * by the machine's preferred species, so AVX2, AVX-512 and NEON each get tiles of their width.
 * Widths that are not a multiple of the vector fall back to one-vector tiles and a scalar tail.
 */
final class VectorTrainKernels implements TrainKernels {

  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();
  private static final int ROW_BLOCK = 32;

  @Override
  public String name() {
    return "vector-" + S.vectorBitSize();
  }

  @Override
  public void rowsTimes(float[] a, int[] aOff, int rows, int k, float[] b, float[] c, int[] cOff, int width) {
    int o = 0;
    for (; o + 2 * L <= width; o += 2 * L) {
      int n = 0;
      for (; n + 4 <= rows; n += 4) {
        rows4(a, aOff[n], aOff[n + 1], aOff[n + 2], aOff[n + 3], k, b, o, width, c, cOff[n] + o, cOff[n + 1] + o,
            cOff[n + 2] + o, cOff[n + 3] + o);
      }
      for (; n < rows; n++) {
        rows1(a, aOff[n], k, b, o, width, c, cOff[n] + o);
      }
    }
    for (; o + L <= width; o += L) {
      for (int n = 0; n < rows; n++) {
        int a0 = aOff[n];
        FloatVector acc = FloatVector.zero(S);
        for (int j = 0, br = o; j < k; j++, br += width) {
          acc = FloatVector.broadcast(S, a[a0 + j]).fma(FloatVector.fromArray(S, b, br), acc);
        }
        FloatVector.fromArray(S, c, cOff[n] + o).add(acc).intoArray(c, cOff[n] + o);
      }
    }
    if (o < width) {
      for (int n = 0; n < rows; n++) {
        int a0 = aOff[n];
        int cr = cOff[n];
        for (int oo = o; oo < width; oo++) {
          float s = 0;
          for (int j = 0; j < k; j++) {
            s += a[a0 + j] * b[j * width + oo];
          }
          c[cr + oo] += s;
        }
      }
    }
  }

  @Override
  public void transposeTimes(float[] a, int[] aOff, int rows, int k, float[] d, int[] dOff, int width, float[] g) {
    // Rows in blocks small enough that a block's output gradients and inputs stay in L1 while
    // every (4 inputs × 2 vectors) tile of the weight gradient is swept over them.
    int o = (width / (2 * L)) * 2 * L;
    for (int n0 = 0; n0 < rows; n0 += ROW_BLOCK) {
      int n1 = Math.min(rows, n0 + ROW_BLOCK);
      int j = 0;
      for (; j + 4 <= k; j += 4) {
        for (int oo = 0; oo < o; oo += 2 * L) {
          cols4(a, aOff, j, n0, n1, d, dOff, oo, g, j * width + oo, width);
        }
      }
      for (; j < k; j++) {
        for (int oo = 0; oo < o; oo += 2 * L) {
          FloatVector c00 = FloatVector.zero(S);
          FloatVector c01 = FloatVector.zero(S);
          for (int n = n0; n < n1; n++) {
            FloatVector x = FloatVector.broadcast(S, a[aOff[n] + j]);
            int dr = dOff[n] + oo;
            c00 = x.fma(FloatVector.fromArray(S, d, dr), c00);
            c01 = x.fma(FloatVector.fromArray(S, d, dr + L), c01);
          }
          add(g, j * width + oo, c00, c01);
        }
      }
    }
    for (; o + L <= width; o += L) {
      for (int j = 0; j < k; j++) {
        FloatVector acc = FloatVector.zero(S);
        for (int n = 0; n < rows; n++) {
          acc = FloatVector.broadcast(S, a[aOff[n] + j]).fma(FloatVector.fromArray(S, d, dOff[n] + o), acc);
        }
        FloatVector.fromArray(S, g, j * width + o).add(acc).intoArray(g, j * width + o);
      }
    }
    if (o < width) {
      for (int j = 0; j < k; j++) {
        for (int oo = o; oo < width; oo++) {
          float s = 0;
          for (int n = 0; n < rows; n++) {
            s += a[aOff[n] + j] * d[dOff[n] + oo];
          }
          g[j * width + oo] += s;
        }
      }
    }
  }

  private static void rows4(float[] a, int a0, int a1, int a2, int a3, int k, float[] b, int o, int width, float[] c,
      int y0, int y1, int y2, int y3) {
    FloatVector c00 = FloatVector.zero(S);
    FloatVector c01 = FloatVector.zero(S);
    FloatVector c10 = FloatVector.zero(S);
    FloatVector c11 = FloatVector.zero(S);
    FloatVector c20 = FloatVector.zero(S);
    FloatVector c21 = FloatVector.zero(S);
    FloatVector c30 = FloatVector.zero(S);
    FloatVector c31 = FloatVector.zero(S);
    for (int j = 0, br = o; j < k; j++, br += width) {
      FloatVector b0 = FloatVector.fromArray(S, b, br);
      FloatVector b1 = FloatVector.fromArray(S, b, br + L);
      FloatVector x = FloatVector.broadcast(S, a[a0 + j]);
      c00 = x.fma(b0, c00);
      c01 = x.fma(b1, c01);
      x = FloatVector.broadcast(S, a[a1 + j]);
      c10 = x.fma(b0, c10);
      c11 = x.fma(b1, c11);
      x = FloatVector.broadcast(S, a[a2 + j]);
      c20 = x.fma(b0, c20);
      c21 = x.fma(b1, c21);
      x = FloatVector.broadcast(S, a[a3 + j]);
      c30 = x.fma(b0, c30);
      c31 = x.fma(b1, c31);
    }
    add(c, y0, c00, c01);
    add(c, y1, c10, c11);
    add(c, y2, c20, c21);
    add(c, y3, c30, c31);
  }

  private static void rows1(float[] a, int a0, int k, float[] b, int o, int width, float[] c, int y0) {
    FloatVector c00 = FloatVector.zero(S);
    FloatVector c01 = FloatVector.zero(S);
    for (int j = 0, br = o; j < k; j++, br += width) {
      FloatVector x = FloatVector.broadcast(S, a[a0 + j]);
      c00 = x.fma(FloatVector.fromArray(S, b, br), c00);
      c01 = x.fma(FloatVector.fromArray(S, b, br + L), c01);
    }
    add(c, y0, c00, c01);
  }

  private static void cols4(float[] a, int[] aOff, int j, int n0, int n1, float[] d, int[] dOff, int o, float[] g,
      int at, int width) {
    FloatVector c00 = FloatVector.zero(S);
    FloatVector c01 = FloatVector.zero(S);
    FloatVector c10 = FloatVector.zero(S);
    FloatVector c11 = FloatVector.zero(S);
    FloatVector c20 = FloatVector.zero(S);
    FloatVector c21 = FloatVector.zero(S);
    FloatVector c30 = FloatVector.zero(S);
    FloatVector c31 = FloatVector.zero(S);
    for (int n = n0; n < n1; n++) {
      int ar = aOff[n] + j;
      int dr = dOff[n] + o;
      FloatVector d0 = FloatVector.fromArray(S, d, dr);
      FloatVector d1 = FloatVector.fromArray(S, d, dr + L);
      FloatVector x = FloatVector.broadcast(S, a[ar]);
      c00 = x.fma(d0, c00);
      c01 = x.fma(d1, c01);
      x = FloatVector.broadcast(S, a[ar + 1]);
      c10 = x.fma(d0, c10);
      c11 = x.fma(d1, c11);
      x = FloatVector.broadcast(S, a[ar + 2]);
      c20 = x.fma(d0, c20);
      c21 = x.fma(d1, c21);
      x = FloatVector.broadcast(S, a[ar + 3]);
      c30 = x.fma(d0, c30);
      c31 = x.fma(d1, c31);
    }
    add(g, at, c00, c01);
    add(g, at + width, c10, c11);
    add(g, at + 2 * width, c20, c21);
    add(g, at + 3 * width, c30, c31);
  }

  private static void add(float[] c, int at, FloatVector v0, FloatVector v1) {
    FloatVector.fromArray(S, c, at).add(v0).intoArray(c, at);
    FloatVector.fromArray(S, c, at + L).add(v1).intoArray(c, at + L);
  }
}
