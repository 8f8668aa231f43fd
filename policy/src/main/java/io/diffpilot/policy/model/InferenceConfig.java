package io.diffpilot.policy.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.diffpilot.core.SamplerKind;
import io.diffpilot.core.Sampling;
import io.diffpilot.policy.schedule.TimestepSpacing;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The {@code inference:} section of config.yaml: the default way to sample a chunk. Callers may
 * override sampler and steps per call ({@link Sampling}); η, spacing and device are model-wide.
 *
 * @param sampler "ddpm", "ddim" or "dpm-solver++"
 * @param steps default denoising steps
 * @param eta DDIM η ∈ [0, 1]
 * @param timestepSpacing DDIM spacing
 * @param device "cpu", "gpu" or "auto"
 */
public record InferenceConfig(String sampler, int steps, double eta, TimestepSpacing timestepSpacing, String device) {

  private static final Set<String> DEVICES = Set.of("cpu", "gpu", "auto");

  public InferenceConfig {
    Objects.requireNonNull(sampler, "inference.sampler");
    Objects.requireNonNull(timestepSpacing, "inference.timestepSpacing");
    SamplerKind.parse(sampler);
    device = device == null ? "cpu" : device.trim().toLowerCase(Locale.ROOT);
    if (!DEVICES.contains(device)) {
      throw new IllegalArgumentException("inference.device must be cpu, gpu or auto, got '" + device + "'");
    }
    if (steps < 1) {
      throw new IllegalArgumentException("inference.steps must be >= 1, got " + steps);
    }
    if (!(eta >= 0 && eta <= 1)) {
      throw new IllegalArgumentException("inference.eta must be in [0, 1], got " + eta);
    }
  }

  /** DDIM, 10 steps, η 0, leading spacing, CPU. */
  public static InferenceConfig defaults() {
    return new InferenceConfig("ddim", 10, 0.0, TimestepSpacing.LEADING, "cpu");
  }

  @JsonIgnore
  public SamplerKind samplerKind() {
    return SamplerKind.parse(sampler);
  }

  /** The default {@link Sampling} with {@code seed}. */
  public Sampling sampling(long seed) {
    return new Sampling(samplerKind(), steps, seed);
  }
}
