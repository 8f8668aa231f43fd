package io.diffpilot.policy.fast;

import java.util.Objects;

/**
 * DDIM on {@code float[]} over an {@link ArrayDenoiser} (normally a {@link FastUnet1d}): the same
 * update as the NDArray sampler
 * (diffusers' {@code DDIMScheduler}, {@code set_alpha_to_one=True}, {@code steps_offset=0}),
 * with every buffer owned by this object, so a chunk allocates nothing.
 *
 * <pre>
 *   x̂₀ = (x − √(1 − ᾱ_t) ε̂) / √ᾱ_t        (epsilon prediction; x̂₀ = output for sample prediction)
 *   ε̂  = (x − √ᾱ_t x̂₀) / √(1 − ᾱ_t)       (sample prediction, from the unclipped x̂₀)
 *   x̂₀ ← clip(x̂₀, ±clipBound)
 *   σ  = η √((1 − ᾱ_prev)/(1 − ᾱ_t) · (1 − ᾱ_t/ᾱ_prev)),  prev = t − N // steps, ᾱ_prev = 1 if prev &lt; 0
 *   x  ← √ᾱ_prev x̂₀ + √(1 − ᾱ_prev − σ²) ε̂ + σ z
 * </pre>
 * Not thread-safe: one chunk at a time per instance (as its network).
 */
public final class FastDdim {

  /** Per-step Gaussian noise for η &gt; 0: fills {@code out[0 .. n)}. */
  @FunctionalInterface
  public interface NoiseSource {
    void fill(float[] out, int n);
  }

  private final ArrayDenoiser net;
  private final double[] alphasCumprod;
  private final boolean epsilonPrediction;
  private final double clipBound;
  private final float[] modelOutput;
  private final float[] stepNoise;
  private final long[] timestepRow;

  /**
   * @param alphasCumprod ᾱ_t for t = 0 … N−1 (the training schedule)
   * @param epsilonPrediction the network predicts ε (else x₀)
   * @param clipBound x̂₀ is clamped to ±clipBound; {@code Double.POSITIVE_INFINITY} for no clipping
   */
  public FastDdim(ArrayDenoiser net, double[] alphasCumprod, boolean epsilonPrediction, double clipBound) {
    this.net = Objects.requireNonNull(net, "net");
    this.alphasCumprod = alphasCumprod.clone();
    if (alphasCumprod.length < 1) {
      throw new IllegalArgumentException("empty schedule");
    }
    if (!(clipBound > 0)) {
      throw new IllegalArgumentException("clip bound must be > 0, got " + clipBound);
    }
    this.epsilonPrediction = epsilonPrediction;
    this.clipBound = clipBound;
    int size = net.maxBatch() * net.horizon() * net.config().inputDim();
    this.modelOutput = new float[size];
    this.stepNoise = new float[size];
    this.timestepRow = new long[net.maxBatch()];
  }

  public int trainTimesteps() {
    return alphasCumprod.length;
  }

  /**
   * Denoises {@code x} in place from pure noise to x₀.
   *
   * @param x {@code [batch, T, A]}: the initial noise in, the sample out
   * @param globalCond {@code [batch, G]}
   * @param timesteps the inference timesteps, first to last (as the sampler's spacing gives them)
   * @param eta DDIM η; {@code noise} may be null when η = 0
   */
  public void sample(float[] x, float[] globalCond, int batch, int[] timesteps, double eta, NoiseSource noise) {
    if (!(eta >= 0 && eta <= 1)) {
      throw new IllegalArgumentException("DDIM eta must be in [0, 1], got " + eta);
    }
    if (eta > 0 && noise == null) {
      throw new IllegalArgumentException("DDIM with eta > 0 needs a noise source");
    }
    int n = alphasCumprod.length;
    int steps = timesteps.length;
    if (steps < 1 || steps > n) {
      throw new IllegalArgumentException("DDIM steps must be in 1.." + n + ", got " + steps);
    }
    int size = batch * net.horizon() * net.config().inputDim();
    for (int t : timesteps) {
      if (t < 0 || t >= n) {
        throw new IllegalArgumentException("timestep " + t + " outside the schedule's 0.." + (n - 1));
      }
      for (int b = 0; b < batch; b++) {
        timestepRow[b] = t;
      }
      net.forward(x, timestepRow, globalCond, batch, modelOutput);
      int prev = t - n / steps;
      double a = alphasCumprod[t];
      double aPrev = prev >= 0 ? alphasCumprod[prev] : 1.0;
      double sqrtA = Math.sqrt(a);
      double sqrtOneMinusA = Math.sqrt(1 - a);
      double std = eta * Math.sqrt((1 - aPrev) / (1 - a) * (1 - a / aPrev));
      double sqrtAPrev = Math.sqrt(aPrev);
      double dir = Math.sqrt(Math.max(1 - aPrev - std * std, 0));
      if (std > 0) {
        noise.fill(stepNoise, size);
      }
      for (int i = 0; i < size; i++) {
        double xi = x[i];
        double out = modelOutput[i];
        double x0;
        double eps;
        if (epsilonPrediction) {
          x0 = (xi - sqrtOneMinusA * out) / sqrtA;
          eps = out;
        } else {
          x0 = out;
          eps = (xi - sqrtA * x0) / sqrtOneMinusA;
        }
        x0 = Math.max(-clipBound, Math.min(clipBound, x0));
        double next = sqrtAPrev * x0 + dir * eps;
        if (std > 0) {
          next += std * stepNoise[i];
        }
        x[i] = (float) next;
      }
    }
  }

  /** The inference timesteps with diffusers' {@code leading} spacing: (steps−1−i)·(N // steps). */
  public static int[] leadingTimesteps(int trainTimesteps, int steps) {
    if (steps < 1 || steps > trainTimesteps) {
      throw new IllegalArgumentException("steps must be in 1.." + trainTimesteps + ", got " + steps);
    }
    int ratio = trainTimesteps / steps;
    int[] ts = new int[steps];
    for (int i = 0; i < steps; i++) {
      ts[i] = (steps - 1 - i) * ratio;
    }
    return ts;
  }

  /** ᾱ of diffusers' {@code squaredcos_cap_v2} schedule (β capped at 0.999), in float64. */
  public static double[] squaredCosCapV2(int trainTimesteps) {
    double[] ac = new double[trainTimesteps];
    double prod = 1;
    for (int i = 0; i < trainTimesteps; i++) {
      double t1 = (double) i / trainTimesteps;
      double t2 = (double) (i + 1) / trainTimesteps;
      double beta = Math.min(1 - alphaBar(t2) / alphaBar(t1), 0.999);
      prod *= 1 - beta;
      ac[i] = prod;
    }
    return ac;
  }

  private static double alphaBar(double t) {
    double c = Math.cos((t + 0.008) / 1.008 * Math.PI / 2);
    return c * c;
  }
}
