package io.diffpilot.policy.fast;

/**
 * diffusion_policy's {@code ConditionalResidualBlock1D} on preallocated maps:
 * {@code out = Block1(FiLM(Block0(x), cond)) + residual(x)} with {@code Block = Conv1d → GroupNorm
 * → Mish} and {@code residual} a 1×1 convolution when the widths differ, else the identity.
 *
 * <p>Two tasks, each split over output channels in units that hold whole panels and whole
 * groups, so a thread normalises exactly the channels it computed (no barrier inside a task).
 */
final class ResidualBlock {

  /** The block {@code p} (e.g. {@code down_modules.0.1}) of a state dict, between preallocated maps. */
  static ResidualBlock of(CheckedStateDict w, String p, io.diffpilot.policy.unet.UnetConfig config, Gemm gemm,
      FastUnet1d.Shared shared, FeatureMap in, FeatureMap hidden, FeatureMap out, int filmOffset, int maxBatch) {
    int cin = in.channels;
    int cout = out.channels;
    int k = config.kernelSize();
    int groups = config.nGroups();
    PackedWeights w0 = w.conv(p + ".blocks.0.block.0", cout, cin, k);
    GroupNormMish n0 = new GroupNormMish(cout, groups, w.floats(p + ".blocks.0.block.1.weight", cout),
        w.floats(p + ".blocks.0.block.1.bias", cout));
    PackedWeights w1 = w.conv(p + ".blocks.1.block.0", cout, cout, k);
    GroupNormMish n1 = new GroupNormMish(cout, groups, w.floats(p + ".blocks.1.block.1.weight", cout),
        w.floats(p + ".blocks.1.block.1.bias", cout));
    PackedWeights residual = null;
    FeatureMap residualOut = null;
    if (cin != cout) {
      residual = w.conv(p + ".residual_conv", cout, cin, 1);
      residualOut = FeatureMap.allocate(maxBatch, cout, out.steps, 0);
    }
    return new ResidualBlock(gemm, shared, in, hidden, out, w0, n0, w1, n1, residual, residualOut, filmOffset,
        config.condPredictScale(), maxBatch);
  }

  private final GemmStage conv0;
  private final GroupNormMish norm0;
  private final GemmStage conv1;
  private final GroupNormMish norm1;
  private final GemmStage residualConv;
  private final FeatureMap hidden;
  private final FeatureMap out;
  private final FeatureMap residual;
  private final int filmOffset;
  private final boolean filmScale;
  private final int unitChannels;
  private final int units;
  private final int mr;

  private final Gemm gemm;
  private final FastUnet1d.Shared shared;
  private final WorkerPool.Task first = inUnits(this::first);
  private final WorkerPool.Task second = inUnits(this::second);

  /** A task's share of the output channels, {@code [c0, c1)} in whole units, for the current batch. */
  private interface ChannelRange {
    void run(int batch, int c0, int c1);
  }

  ResidualBlock(Gemm gemm, FastUnet1d.Shared shared, FeatureMap in, FeatureMap hidden, FeatureMap out,
      PackedWeights w0, GroupNormMish norm0, PackedWeights w1, GroupNormMish norm1,
      PackedWeights residualWeights, FeatureMap residualOut, int filmOffset, boolean filmScale, int maxBatch) {
    int k = w0.taps;
    this.gemm = gemm;
    this.shared = shared;
    this.conv0 = GemmStage.conv(w0, in, hidden, 1, k / 2, maxBatch);
    this.norm0 = norm0;
    this.conv1 = GemmStage.conv(w1, hidden, out, 1, w1.taps / 2, maxBatch);
    this.norm1 = norm1;
    this.hidden = hidden;
    this.out = out;
    if (residualWeights != null) {
      this.residualConv = GemmStage.conv(residualWeights, in, residualOut, 1, 0, maxBatch);
      this.residual = residualOut;
    } else {
      if (in.channels != out.channels) {
        throw new IllegalArgumentException("identity residual needs equal widths, got " + in.channels + " → " + out.channels);
      }
      this.residualConv = null;
      this.residual = in;
    }
    this.filmOffset = filmOffset;
    this.filmScale = filmScale;
    this.mr = gemm.panelWidth();
    int channels = out.channels;
    int unit = lcm(mr, norm1.groupSize);
    this.unitChannels = channels % unit == 0 ? unit : channels;
    this.units = channels / unitChannels;
  }

  void run(WorkerPool pool) {
    pool.invoke(first);
    pool.invoke(second);
  }

  /** Splits the units over the pool's parts; a part that gets none does nothing. */
  private WorkerPool.Task inUnits(ChannelRange range) {
    return (part, parts) -> {
      int c0 = units * part / parts * unitChannels;
      int c1 = units * (part + 1) / parts * unitChannels;
      if (c0 < c1) {
        range.run(shared.batch, c0, c1);
      }
    };
  }

  private void first(int batch, int c0, int c1) {
    conv0.run(gemm, batch, c0 / mr, ceilDiv(c1, mr));
    norm0.apply(hidden, batch, c0 / norm0.groupSize, c1 / norm0.groupSize, shared.film, shared.filmStride,
        filmOffset, filmScale, null);
  }

  private void second(int batch, int c0, int c1) {
    int p0 = c0 / mr;
    int p1 = ceilDiv(c1, mr);
    if (residualConv != null) {
      residualConv.run(gemm, batch, p0, p1);
    }
    conv1.run(gemm, batch, p0, p1);
    norm1.apply(out, batch, c0 / norm1.groupSize, c1 / norm1.groupSize, null, 0, 0, false, residual);
  }

  static int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
  }

  static int lcm(int a, int b) {
    int x = a;
    int y = b;
    while (y != 0) {
      int t = x % y;
      x = y;
      y = t;
    }
    return a / x * b;
  }
}
