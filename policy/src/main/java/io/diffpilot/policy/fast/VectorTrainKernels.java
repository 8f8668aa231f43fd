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
        int a0 = aOff[n];
        int a1 = aOff[n + 1];
        int a2 = aOff[n + 2];
        int a3 = aOff[n + 3];
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
        add(c, cOff[n] + o, c00, c01);
        add(c, cOff[n + 1] + o, c10, c11);
        add(c, cOff[n + 2] + o, c20, c21);
        add(c, cOff[n + 3] + o, c30, c31);
      }
      for (; n < rows; n++) {
        int a0 = aOff[n];
        FloatVector c00 = FloatVector.zero(S);
        FloatVector c01 = FloatVector.zero(S);
        for (int j = 0, br = o; j < k; j++, br += width) {
          FloatVector x = FloatVector.broadcast(S, a[a0 + j]);
          c00 = x.fma(FloatVector.fromArray(S, b, br), c00);
          c01 = x.fma(FloatVector.fromArray(S, b, br + L), c01);
        }
        add(c, cOff[n] + o, c00, c01);
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
    int o = 0;
    for (; o + 2 * L <= width; o += 2 * L) {
      int j = 0;
      for (; j + 4 <= k; j += 4) {
        FloatVector c00 = FloatVector.zero(S);
        FloatVector c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S);
        FloatVector c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S);
        FloatVector c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S);
        FloatVector c31 = FloatVector.zero(S);
        for (int n = 0; n < rows; n++) {
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
        add(g, j * width + o, c00, c01);
        add(g, (j + 1) * width + o, c10, c11);
        add(g, (j + 2) * width + o, c20, c21);
        add(g, (j + 3) * width + o, c30, c31);
      }
      for (; j < k; j++) {
        FloatVector c00 = FloatVector.zero(S);
        FloatVector c01 = FloatVector.zero(S);
        for (int n = 0; n < rows; n++) {
          FloatVector x = FloatVector.broadcast(S, a[aOff[n] + j]);
          int dr = dOff[n] + o;
          c00 = x.fma(FloatVector.fromArray(S, d, dr), c00);
          c01 = x.fma(FloatVector.fromArray(S, d, dr + L), c01);
        }
        add(g, j * width + o, c00, c01);
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

  private static void add(float[] c, int at, FloatVector v0, FloatVector v1) {
    FloatVector.fromArray(S, c, at).add(v0).intoArray(c, at);
    FloatVector.fromArray(S, c, at + L).add(v1).intoArray(c, at + L);
  }
}
