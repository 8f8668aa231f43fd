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
 * @param backend "auto" (the fastest available), "java" (io.diffpilot.policy.fast kernels) or "djl"
 *     (the DJL/PyTorch reference network); absent means "auto"
 */
public record InferenceConfig(String sampler, int steps, double eta, TimestepSpacing timestepSpacing, String device,
    String backend) {

  private static final Set<String> DEVICES = Set.of("cpu", "gpu", "auto");
  private static final Set<String> BACKENDS = Set.of("auto", "java", "djl");

  public InferenceConfig {
    Objects.requireNonNull(sampler, "inference.sampler");
    Objects.requireNonNull(timestepSpacing, "inference.timestep_spacing");
    SamplerKind.parse(sampler);
    device = device == null ? "cpu" : device.trim().toLowerCase(Locale.ROOT);
    if (!DEVICES.contains(device)) {
      throw new IllegalArgumentException("inference.device must be cpu, gpu or auto, got '" + device + "'");
    }
    backend = backend == null ? "auto" : backend.trim().toLowerCase(Locale.ROOT);
    if (!BACKENDS.contains(backend)) {
      throw new IllegalArgumentException("inference.backend must be auto, java or djl, got '" + backend + "'");
    }
    if (steps < 1) {
      throw new IllegalArgumentException("inference.steps must be >= 1, got " + steps);
    }
    if (!(eta >= 0 && eta <= 1)) {
      throw new IllegalArgumentException("inference.eta must be in [0, 1], got " + eta);
    }
  }

  /** The configuration with the backend chosen automatically. */
  public InferenceConfig(String sampler, int steps, double eta, TimestepSpacing timestepSpacing, String device) {
    this(sampler, steps, eta, timestepSpacing, device, "auto");
  }

  /** DDIM, 10 steps, η 0, leading spacing, CPU, fastest backend. */
  public static InferenceConfig defaults() {
    return new InferenceConfig("ddim", 10, 0.0, TimestepSpacing.LEADING, "cpu", "auto");
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
