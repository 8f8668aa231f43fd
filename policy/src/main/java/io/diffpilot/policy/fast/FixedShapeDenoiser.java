package io.diffpilot.policy.fast;

import io.diffpilot.policy.unet.UnetConfig;

/**
 * An {@link ArrayDenoiser} built for one network, one horizon and a largest batch, as every
 * implementation is (buffers, a trace): the shape is checked once here, and each call's batch
 * against it with {@link #requireBatch}.
 */
public abstract class FixedShapeDenoiser implements ArrayDenoiser {

  protected final UnetConfig config;
  protected final int horizon;
  protected final int maxBatch;

  /**
   * @param horizon T, divisible by {@link UnetConfig#horizonMultiple()}
   * @param maxBatch the largest batch a forward will get
   */
  protected FixedShapeDenoiser(UnetConfig config, int horizon, int maxBatch) {
    if (horizon < 1 || horizon % config.horizonMultiple() != 0) {
      throw new IllegalArgumentException("horizon " + horizon + " must be a positive multiple of "
          + config.horizonMultiple() + " for " + config.downDims().size() + " down levels");
    }
    if (maxBatch < 1) {
      throw new IllegalArgumentException("maxBatch must be >= 1, got " + maxBatch);
    }
    this.config = config;
    this.horizon = horizon;
    this.maxBatch = maxBatch;
  }

  /** Throws unless {@code 1 ≤ batch ≤ maxBatch}. */
  protected final void requireBatch(int batch) {
    if (batch < 1 || batch > maxBatch) {
      throw new IllegalArgumentException("batch " + batch + " outside [1, " + maxBatch + "]");
    }
  }

  @Override
  public final UnetConfig config() {
    return config;
  }

  @Override
  public final int horizon() {
    return horizon;
  }

  @Override
  public final int maxBatch() {
    return maxBatch;
  }
}
