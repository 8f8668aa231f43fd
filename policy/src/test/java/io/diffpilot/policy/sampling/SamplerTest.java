package io.diffpilot.policy.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.diffpilot.core.SamplerKind;
import io.diffpilot.policy.schedule.BetaSchedule;
import io.diffpilot.policy.schedule.DdpmSchedule;
import io.diffpilot.policy.schedule.PredictionType;
import io.diffpilot.policy.schedule.ScheduleConfig;
import io.diffpilot.policy.schedule.TimestepSpacing;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SamplerTest {

  private static final int BATCH = 64;
  private static final Shape SHAPE = new Shape(BATCH, 4, 2);
  private static NDManager manager;

  @BeforeAll
  static void start() {
    manager = NDManager.newBaseManager();
  }

  @AfterAll
  static void stop() {
    manager.close();
  }

  private static DdpmSchedule schedule(PredictionType p) {
    return new DdpmSchedule(new ScheduleConfig(100, BetaSchedule.SQUAREDCOS_CAP_V2, 1e-4, 0.02, p, true, 1.0));
  }

  @Test
  void ddimWithEtaOneAndAllStepsHasDdpmPosteriorVariance() {
    DdpmSchedule s = schedule(PredictionType.EPSILON);
    DdimSampler ddim = new DdimSampler(s, 1.0, TimestepSpacing.LEADING);
    DdpmSampler ddpm = new DdpmSampler(s);
    int[] ts = DdimSampler.timesteps(100, 100, TimestepSpacing.LEADING);
    for (int t : ts) {
      int prev = DdimSampler.previousTimestep(t, 100, 100);
      assertThat(prev).isEqualTo(t - 1);
      // DDPM's fixed_small: β̃_t = (1 − ᾱ_{t−1}) / (1 − ᾱ_t) · β_t, with β_t = 1 − ᾱ_t/ᾱ_{t−1}.
      double expected = (1 - s.alphaCumprod(t - 1)) / (1 - s.alphaCumprod(t)) * s.beta(t);
      if (t > 0) {
        assertThat(ddim.variance(t, prev)).isCloseTo(expected, within(1e-12));
        assertThat(ddpm.variance(t)).isCloseTo(expected, within(1e-12));
      }
    }
  }

  @Test
  void ddimStepWithEtaOneEqualsDdpmStepForTheSameNoise() {
    // Without clipping: DDIM clamps x̂₀ but keeps the unclamped ε̂, so the identity holds for the
    // unclipped process only (at t = 99 x̂₀ = (x − √(1−ᾱ) ε)/√ᾱ is far outside ±1).
    DdpmSchedule s = new DdpmSchedule(
        new ScheduleConfig(100, BetaSchedule.SQUAREDCOS_CAP_V2, 1e-4, 0.02, PredictionType.EPSILON, false, 1.0));
    DdimSampler ddim = new DdimSampler(s, 1.0, TimestepSpacing.LEADING);
    DdpmSampler ddpm = new DdpmSampler(s);
    NDArray x = GaussianNoise.seeded(1, BATCH).next(manager, SHAPE);
    NDArray eps = GaussianNoise.seeded(2, BATCH).next(manager, SHAPE).mul(0.5);
    for (int t : new int[] {99, 70, 40, 10, 1}) {
      NDArray a = ddim.step(eps, t, t - 1, x, GaussianNoise.seeded(3, BATCH), manager);
      NDArray b = ddpm.step(eps, t, x, GaussianNoise.seeded(3, BATCH), manager);
      assertThat(maxAbs(a.sub(b))).as("t=%d", t).isLessThan(2e-5);
    }
  }

  @Test
  void ddimLeadingAndTrailingTimestepsMatchDiffusers() {
    // Arrays printed by diffusers' DDIMScheduler.set_timesteps (numpy rounds half to even).
    assertThat(DdimSampler.timesteps(100, 10, TimestepSpacing.LEADING)).containsExactly(90, 80, 70, 60, 50, 40, 30, 20, 10, 0);
    assertThat(DdimSampler.timesteps(100, 10, TimestepSpacing.TRAILING)).containsExactly(99, 89, 79, 69, 59, 49, 39, 29, 19, 9);
    assertThat(DdimSampler.timesteps(100, 3, TimestepSpacing.LEADING)).containsExactly(66, 33, 0);
    assertThat(DdimSampler.timesteps(100, 3, TimestepSpacing.TRAILING)).containsExactly(99, 66, 32);
    assertThat(DdimSampler.timesteps(100, 8, TimestepSpacing.TRAILING)).containsExactly(99, 87, 74, 61, 49, 37, 24, 11);
    assertThat(DdimSampler.timesteps(1000, 3, TimestepSpacing.TRAILING)).containsExactly(999, 666, 332);
    assertThat(DdimSampler.timesteps(100, 1, TimestepSpacing.TRAILING)).containsExactly(99);
    assertThat(DdimSampler.timesteps(100, 100, TimestepSpacing.TRAILING)[99]).isEqualTo(0);
  }

  @Test
  void dpmSolverTimestepsAreRoundedLinspace() {
    assertThat(DpmSolverPlusPlusSampler.timesteps(100, 10)).containsExactly(99, 89, 79, 69, 59, 50, 40, 30, 20, 10);
    assertThat(DpmSolverPlusPlusSampler.timesteps(100, 1)).containsExactly(99);
    int[] all = DpmSolverPlusPlusSampler.timesteps(100, 100);
    assertThat(all).doesNotHaveDuplicates().startsWith(99);
  }

  @Test
  void stepCountsOutsideTheScheduleAreRejected() {
    DdpmSchedule s = schedule(PredictionType.EPSILON);
    Denoiser d = (x, t, c) -> x;
    NDArray cond = manager.zeros(new Shape(1, 1));
    assertThatThrownBy(() -> new DdimSampler(s, 0, TimestepSpacing.LEADING).sample(d, cond, new Shape(1, 4, 2), 101, GaussianNoise.seeded(0, 1), manager))
        .hasMessageContaining("DDIM").hasMessageContaining("1..100");
    assertThatThrownBy(() -> new DdimSampler(s, 1.5, TimestepSpacing.LEADING)).hasMessageContaining("eta");
  }

  static Stream<Arguments> samplers() {
    return Stream.of(
        Arguments.of("DDPM", SamplerKind.DDPM, 0.0, TimestepSpacing.LEADING, 100, PredictionType.EPSILON),
        Arguments.of("DDIM-10 leading", SamplerKind.DDIM, 0.0, TimestepSpacing.LEADING, 10, PredictionType.EPSILON),
        Arguments.of("DDIM-4 trailing", SamplerKind.DDIM, 0.0, TimestepSpacing.TRAILING, 4, PredictionType.EPSILON),
        Arguments.of("DDIM-16 eta 1", SamplerKind.DDIM, 1.0, TimestepSpacing.LEADING, 16, PredictionType.EPSILON),
        Arguments.of("DDIM-8 sample-prediction", SamplerKind.DDIM, 0.5, TimestepSpacing.TRAILING, 8, PredictionType.SAMPLE),
        Arguments.of("DPM++ 10", SamplerKind.DPM_SOLVER_PP, 0.0, TimestepSpacing.LEADING, 10, PredictionType.EPSILON),
        Arguments.of("DPM++ 5", SamplerKind.DPM_SOLVER_PP, 0.0, TimestepSpacing.LEADING, 5, PredictionType.EPSILON),
        Arguments.of("DPM++ 20 sample-prediction", SamplerKind.DPM_SOLVER_PP, 0.0, TimestepSpacing.LEADING, 20, PredictionType.SAMPLE));
  }

  /** Fine step counts: the last network call is at t ≤ 5 (1 − ᾱ_t ≤ 0.01), see the tolerance note. */
  static Stream<Arguments> fineSamplers() {
    return Stream.of(
        Arguments.of("DDPM", SamplerKind.DDPM, 0.0, TimestepSpacing.LEADING, 100, PredictionType.EPSILON),
        Arguments.of("DDIM-100 leading", SamplerKind.DDIM, 0.0, TimestepSpacing.LEADING, 100, PredictionType.EPSILON),
        Arguments.of("DDIM-25 leading", SamplerKind.DDIM, 0.0, TimestepSpacing.LEADING, 25, PredictionType.EPSILON),
        Arguments.of("DDIM-50 trailing eta 1", SamplerKind.DDIM, 1.0, TimestepSpacing.TRAILING, 50, PredictionType.EPSILON),
        Arguments.of("DDIM-20 trailing sample-prediction", SamplerKind.DDIM, 0.0, TimestepSpacing.TRAILING, 20, PredictionType.SAMPLE),
        Arguments.of("DPM++ 25", SamplerKind.DPM_SOLVER_PP, 0.0, TimestepSpacing.LEADING, 25, PredictionType.EPSILON),
        Arguments.of("DPM++ 50 sample-prediction", SamplerKind.DPM_SOLVER_PP, 0.0, TimestepSpacing.LEADING, 50, PredictionType.SAMPLE));
  }

  /*
   * Single point: E[x₀|x_t] = μ at every t, so every sampler's last x̂₀ is μ whatever the step
   * count; only float32 rounding (~1e−6 per op) remains. 1e−3 fails on any coefficient error.
   *
   * Two points: the wrong mode's posterior weight at the last call is exp(−log-odds) with
   * log-odds = √ᾱ |μ₁ − μ₂| · δ / (1 − ᾱ), δ the distance of x_t from the midpoint plane. With
   * t ≤ 5 (1 − ᾱ ≤ 0.01) and |μ₁ − μ₂| = 2.5 this is below 1e−4 unless x_t lies within 0.04 of the
   * plane; coarse step counts (4–10) do leave a few rows nearer the plane, so the mixture test
   * uses fine step counts and the single-point test covers the coarse ones.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("samplers")
  void samplerWithOptimalDenoiserLandsOnASinglePoint(
      String name, SamplerKind kind, double eta, TimestepSpacing spacing, int steps, PredictionType p) {
    float[][] points = {{0.3f, -0.7f, 0.1f, 0.9f, -0.2f, 0.5f, 0f, -1f}};
    float[] result = run(kind, eta, spacing, steps, p, points);
    for (int b = 0; b < BATCH; b++) {
      assertThat(distance(result, b, points[0])).as("%s row %d", name, b).isLessThan(1e-3);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fineSamplers")
  void samplerWithOptimalDenoiserLandsOnBothModesOfATwoPointMixture(
      String name, SamplerKind kind, double eta, TimestepSpacing spacing, int steps, PredictionType p) {
    float[] m1 = {0.45f, 0.45f, 0.45f, 0.45f, 0.45f, 0.45f, 0.45f, 0.45f};
    float[] m2 = {-0.45f, -0.45f, -0.45f, -0.45f, -0.45f, -0.45f, -0.45f, -0.45f};
    float[] result = run(kind, eta, spacing, steps, p, new float[][] {m1, m2});
    int nearFirst = 0;
    for (int b = 0; b < BATCH; b++) {
      double d1 = distance(result, b, m1);
      double d2 = distance(result, b, m2);
      assertThat(Math.min(d1, d2)).as("%s row %d", name, b).isLessThan(1e-3);
      nearFirst += d1 < d2 ? 1 : 0;
    }
    // Each mode has probability ½; Binomial(64, ½) falls outside [8, 56] with probability < 1e−9.
    assertThat(nearFirst).as(name).isBetween(8, 56);
  }

  private float[] run(SamplerKind kind, double eta, TimestepSpacing spacing, int steps, PredictionType p, float[][] points) {
    DdpmSchedule s = schedule(p);
    Sampler sampler = Sampler.of(kind, s, eta, spacing);
    try (NDManager m = manager.newSubManager()) {
      NDArray cond = m.zeros(new Shape(BATCH, 3));
      NDArray x0 = sampler.sample(new MixtureDenoiser(s, points), cond, SHAPE, steps, GaussianNoise.seeded(42, BATCH), m);
      assertThat(x0.getShape()).isEqualTo(SHAPE);
      return x0.toFloatArray();
    }
  }

  private static double distance(float[] rows, int b, float[] point) {
    double max = 0;
    for (int i = 0; i < point.length; i++) {
      max = Math.max(max, Math.abs(rows[b * point.length + i] - point[i]));
    }
    return max;
  }

  private static double maxAbs(NDArray a) {
    return a.abs().max().getFloat();
  }

  /**
   * The exact denoiser for data uniform over a few points μ_k: with x_t = √ᾱ x₀ + √(1−ᾱ) ε, the
   * posterior over k is softmax(−|x_t − √ᾱ μ_k|² / (2(1−ᾱ))), E[x₀|x_t] = Σ w_k μ_k and
   * E[ε|x_t] = (x_t − √ᾱ E[x₀|x_t]) / √(1−ᾱ).
   */
  private record MixtureDenoiser(DdpmSchedule schedule, float[][] points) implements Denoiser {
    @Override
    public NDArray predict(NDArray sample, int t, NDArray globalCond) {
      double a = schedule.alphaCumprod(t);
      float[] x = sample.toFloatArray();
      int dim = points[0].length;
      int rows = x.length / dim;
      float[] out = new float[x.length];
      for (int b = 0; b < rows; b++) {
        double[] logW = new double[points.length];
        double maxLog = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < points.length; k++) {
          double sq = 0;
          for (int i = 0; i < dim; i++) {
            double d = x[b * dim + i] - Math.sqrt(a) * points[k][i];
            sq += d * d;
          }
          logW[k] = -sq / (2 * (1 - a));
          maxLog = Math.max(maxLog, logW[k]);
        }
        double total = 0;
        for (int k = 0; k < points.length; k++) {
          logW[k] = Math.exp(logW[k] - maxLog);
          total += logW[k];
        }
        for (int i = 0; i < dim; i++) {
          double mean = 0;
          for (int k = 0; k < points.length; k++) {
            mean += logW[k] / total * points[k][i];
          }
          double xi = x[b * dim + i];
          out[b * dim + i] = (float) (schedule.predictionType() == PredictionType.SAMPLE
              ? mean : (xi - Math.sqrt(a) * mean) / Math.sqrt(1 - a));
        }
      }
      return sample.getManager().create(out, sample.getShape());
    }
  }
}
