package io.diffpilot.policy.fast;

/**
 * A preallocated channels-last activation buffer {@code [maxBatch][pad + T + pad][rowStride]}.
 *
 * <p>Each batch element has {@code pad} zero rows before and after its {@code T} time steps, so a
 * convolution reads all taps of one output step as {@code taps · channels} consecutive floats
 * (no im2col copy). The pad rows are never written. A map may be a channel slice of a wider
 * buffer ({@code rowStride > channels}), as the first half of a skip concatenation is; such a
 * slice can be written but not read as a convolution input.
 */
final class FeatureMap {

  final float[] data;
  final int channels;
  final int steps;
  final int pad;
  final int rowStride;
  final int channelOffset;

  private FeatureMap(float[] data, int channels, int steps, int pad, int rowStride, int channelOffset) {
    this.data = data;
    this.channels = channels;
    this.steps = steps;
    this.pad = pad;
    this.rowStride = rowStride;
    this.channelOffset = channelOffset;
  }

  static FeatureMap allocate(int maxBatch, int channels, int steps, int pad) {
    return new FeatureMap(new float[maxBatch * (steps + 2 * pad) * channels], channels, steps, pad, channels, 0);
  }

  /** Channels {@code [from, from + count)} of this map, sharing its buffer. */
  FeatureMap slice(int from, int count) {
    if (from < 0 || count < 1 || from + count > channels) {
      throw new IllegalArgumentException("channel slice [" + from + ", " + (from + count) + ") outside " + channels);
    }
    return new FeatureMap(data, count, steps, pad, rowStride, channelOffset + from);
  }

  boolean contiguous() {
    return rowStride == channels && channelOffset == 0;
  }

  /** Offset of channel 0 of time step {@code t} (may be in the pad, {@code -pad <= t < T + pad}). */
  int offset(int b, int t) {
    return (b * (steps + 2 * pad) + pad + t) * rowStride + channelOffset;
  }
}
