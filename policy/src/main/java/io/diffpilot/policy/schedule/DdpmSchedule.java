package io.diffpilot.policy.schedule;

import java.util.Objects;

/**
 * The forward (noising) process of DDPM, precomputed once: β_t, α_t = 1 − β_t and
 * ᾱ_t = ∏_{s≤t} α_s for t = 0 … N−1, as diffusers' {@code DDPMScheduler} defines them.
 *
 * <p>Computed in double from the closed forms (diffusers computes in float32; the two agree to
 * float32 rounding). Immutable: samplers read coefficients, nothing here changes per step.
 * {@code x_t = √ᾱ_t · x₀ + √(1 − ᾱ_t) · ε}.
 */
public final class DdpmSchedule {

  /** diffusers' cap on β in {@code betas_for_alpha_bar}. */
  static final double MAX_BETA = 0.999;

  private final ScheduleConfig config;
  private final double[] betas;
  private final double[] alphasCumprod;

  public DdpmSchedule(ScheduleConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    this.betas = betas(config);
    this.alphasCumprod = new double[betas.length];
    double product = 1.0;
    for (int t = 0; t < betas.length; t++) {
      product *= 1.0 - betas[t];
      alphasCumprod[t] = product;
    }
  }

  static double[] betas(ScheduleConfig c) {
    int n = c.trainTimesteps();
    double[] b = new double[n];
    switch (c.betaSchedule()) {
      case LINEAR -> {
        for (int i = 0; i < n; i++) {
          b[i] = lerp(c.betaStart(), c.betaEnd(), i, n);
        }
      }
      case SCALED_LINEAR -> {
        for (int i = 0; i < n; i++) {
          double s = lerp(Math.sqrt(c.betaStart()), Math.sqrt(c.betaEnd()), i, n);
          b[i] = s * s;
        }
      }
      case SQUAREDCOS_CAP_V2 -> {
        for (int i = 0; i < n; i++) {
          double t1 = (double) i / n;
          double t2 = (double) (i + 1) / n;
          b[i] = Math.min(1.0 - cosineAlphaBar(t2) / cosineAlphaBar(t1), MAX_BETA);
        }
      }
      default -> throw new IllegalStateException("unhandled " + c.betaSchedule());
    }
    return b;
  }

  /** torch.linspace(start, end, n)[i]. */
  private static double lerp(double start, double end, int i, int n) {
    return n == 1 ? start : start + (end - start) * i / (n - 1);
  }

  /** ᾱ(t) = cos²((t + 0.008) / 1.008 · π/2), t ∈ [0, 1]. */
  static double cosineAlphaBar(double t) {
    double c = Math.cos((t + 0.008) / 1.008 * Math.PI / 2);
    return c * c;
  }

  public ScheduleConfig config() {
    return config;
  }

  /** N. */
  public int trainTimesteps() {
    return betas.length;
  }

  public double beta(int t) {
    return betas[t];
  }

  /** ᾱ_t for 0 ≤ t &lt; N; ᾱ_{−1} = 1 (the clean data, diffusers' set_alpha_to_one / "one"). */
  public double alphaCumprod(int t) {
    return t < 0 ? 1.0 : alphasCumprod[t];
  }

  /** A copy of ᾱ_0 … ᾱ_{N−1}. */
  public double[] alphasCumprod() {
    return alphasCumprod.clone();
  }

  /** A copy of β_0 … β_{N−1}. */
  public double[] betas() {
    return betas.clone();
  }

  public PredictionType predictionType() {
    return config.predictionType();
  }

  /** Clamp bound for predicted x₀, or +∞ when clipSample is off. */
  public double clipBound() {
    return config.clipSample() ? config.clipSampleRange() : Double.POSITIVE_INFINITY;
  }
}
