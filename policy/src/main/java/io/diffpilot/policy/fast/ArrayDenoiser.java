package io.diffpilot.policy.fast;

import io.diffpilot.policy.unet.UnetConfig;

/**
 * A ConditionalUnet1D forward on host {@code float[]} buffers: what {@link FastDdim} denoises with.
 * {@link FastUnet1d} is one; a benchmark can put another implementation of the same network
 * (e.g. a TorchScript trace) behind it to run the identical host-side DDIM loop.
 */
public interface ArrayDenoiser {

  /**
   * One network evaluation: {@code sample [batch, T, A]}, {@code timesteps [batch]},
   * {@code globalCond [batch, G]} → {@code out [batch, T, A]}.
   */
  void forward(float[] sample, long[] timesteps, float[] globalCond, int batch, float[] out);

  UnetConfig config();

  /** T of every call. */
  int horizon();

  /** The largest batch a call may have. */
  int maxBatch();
}
