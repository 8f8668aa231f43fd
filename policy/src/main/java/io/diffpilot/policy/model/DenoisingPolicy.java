package io.diffpilot.policy.model;

import io.diffpilot.core.Sampling;
import io.diffpilot.policy.normalize.LinearNormalizer;
import io.diffpilot.policy.schedule.DdpmSchedule;
import java.util.Objects;

/**
 * A {@link TrajectoryPolicy} that turns Gaussian noise into its trajectory under the model's DDPM
 * schedule, and by default samples as the model's {@code inference} section says. Its backends
 * (DJL's {@link DiffusionPolicy}, the java backend's) differ only in how one batch is sampled in
 * the normalised action space ({@link #sampleNormalized}); the codec does the rest.
 */
public abstract class DenoisingPolicy extends TrajectoryPolicy {
  protected final DdpmSchedule schedule;

  protected DenoisingPolicy(PolicyConfig config, LinearNormalizer normalizer) {
    super(config, normalizer);
    this.schedule = new DdpmSchedule(config.schedule());
  }

  public DdpmSchedule schedule() {
    return schedule;
  }

  @Override
  public Sampling preferredSampling() {
    return config.inference().sampling(0);
  }

  @Override
  public final synchronized float[][][] predictHorizons(float[][][] histories, Sampling sampling) {
    Objects.requireNonNull(sampling, "sampling");
    int batch = Objects.requireNonNull(histories, "histories").length;
    float[] cond = codec.condition(histories);
    return codec.horizons(sampleNormalized(cond, batch, sampling), batch);
  }

  /** x₀ [B·Tp·A] in the normalised action space for a normalised condition [B·G]; called under the policy's lock. */
  protected abstract float[] sampleNormalized(float[] cond, int batch, Sampling sampling);
}
