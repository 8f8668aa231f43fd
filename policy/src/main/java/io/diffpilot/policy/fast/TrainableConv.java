package io.diffpilot.policy.fast;

/**
 * The weights of one convolution, linear layer or transposed-convolution parity as the training
 * kernels read them, repacked from the flat parameter vector before each step: {@code wt}
 * {@code [k][cout]} (forward and weight gradient; {@code k = tap · cin + inputChannel}) and
 * {@code wrow} {@code [cout][k]} (gradient to the input). {@code map} sends each packed index
 * back to its PyTorch index, so weight gradients fold into the flat gradient vector the same way.
 */
final class TrainableConv {

  /** PyTorch index of weight element (out, in, tap). */
  @FunctionalInterface
  interface Index {
    int of(int out, int in, int tap);
  }

  final int cout;
  final int cin;
  final int taps;
  final int k;
  final int biasOffset;
  final int[] map;
  final float[] wt;
  final float[] wrow;

  TrainableConv(int cout, int cin, int taps, Index index, int biasOffset) {
    this.cout = cout;
    this.cin = cin;
    this.taps = taps;
    this.k = cin * taps;
    this.biasOffset = biasOffset;
    this.map = new int[k * cout];
    for (int tap = 0; tap < taps; tap++) {
      for (int i = 0; i < cin; i++) {
        for (int o = 0; o < cout; o++) {
          map[(tap * cin + i) * cout + o] = index.of(o, i, tap);
        }
      }
    }
    this.wt = new float[k * cout];
    this.wrow = new float[k * cout];
  }

  /** A PyTorch Conv1d weight {@code [cout, cin, taps]} at {@code slot}. */
  static TrainableConv conv(StateDictLayout layout, String name, int cout, int cin, int taps) {
    int w = layout.require(name + ".weight", cout, cin, taps).offset();
    int b = layout.require(name + ".bias", cout).offset();
    return new TrainableConv(cout, cin, taps, (o, i, t) -> w + (o * cin + i) * taps + t, b);
  }

  /** A PyTorch Linear weight {@code [cout, cin]}. */
  static TrainableConv linear(StateDictLayout layout, String name, int cout, int cin) {
    int w = layout.require(name + ".weight", cout, cin).offset();
    int b = layout.require(name + ".bias", cout).offset();
    return new TrainableConv(cout, cin, 1, (o, i, t) -> w + o * cin + i, b);
  }

  void pack(float[] params) {
    for (int j = 0; j < k; j++) {
      for (int o = 0; o < cout; o++) {
        float v = params[map[j * cout + o]];
        wt[j * cout + o] = v;
        wrow[o * k + j] = v;
      }
    }
  }

  /** Adds a packed weight gradient {@code [k][cout]} into the flat gradient vector. */
  void unpackGradient(float[] packed, float[] grad) {
    for (int i = 0; i < map.length; i++) {
      grad[map[i]] += packed[i];
    }
  }
}
