package io.diffpilot.policy.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class DdpmScheduleTest {

  private static DdpmSchedule schedule(BetaSchedule b, int n) {
    return new DdpmSchedule(new ScheduleConfig(n, b, 1e-4, 0.02, PredictionType.EPSILON, true, 1.0));
  }

  @Test
  void linearBetasAreTorchLinspace() {
    DdpmSchedule s = schedule(BetaSchedule.LINEAR, 100);
    assertThat(s.beta(0)).isCloseTo(1e-4, within(1e-15));
    assertThat(s.beta(99)).isCloseTo(0.02, within(1e-15));
    assertThat(s.beta(50)).isCloseTo(1e-4 + (0.02 - 1e-4) * 50 / 99, within(1e-15));
    double product = 1;
    for (int t = 0; t <= 10; t++) {
      product *= 1 - s.beta(t);
    }
    assertThat(s.alphaCumprod(10)).isCloseTo(product, within(1e-15));
  }

  @Test
  void scaledLinearBetasAreSquaresOfLinearRoots() {
    DdpmSchedule s = schedule(BetaSchedule.SCALED_LINEAR, 1000);
    assertThat(s.beta(0)).isCloseTo(1e-4, within(1e-15));
    assertThat(s.beta(999)).isCloseTo(0.02, within(1e-15));
    double root = Math.sqrt(1e-4) + (Math.sqrt(0.02) - Math.sqrt(1e-4)) * 300 / 999;
    assertThat(s.beta(300)).isCloseTo(root * root, within(1e-15));
  }

  @Test
  void squaredCosineCumprodTelescopesToAlphaBarRatio() {
    DdpmSchedule s = schedule(BetaSchedule.SQUAREDCOS_CAP_V2, 100);
    // Without the cap, ᾱ_t = f((t+1)/N) / f(0) with f(u) = cos²((u + 0.008)/1.008 · π/2).
    double f0 = Math.pow(Math.cos(0.008 / 1.008 * Math.PI / 2), 2);
    double f50 = Math.pow(Math.cos(0.508 / 1.008 * Math.PI / 2), 2);
    assertThat(s.alphaCumprod(49)).isCloseTo(f50 / f0, within(1e-12));
    assertThat(s.alphaCumprod(49)).isCloseTo(0.49384359044063775, within(1e-12));
    assertThat(s.beta(0)).isCloseTo(0.0006312815983416931, within(1e-15));
    assertThat(s.beta(50)).isCloseTo(0.03154633936072582, within(1e-14));
    // The last β would be 1 (ᾱ(1) = 0); diffusers caps it at 0.999.
    assertThat(s.beta(99)).isEqualTo(0.999);
    assertThat(s.alphaCumprod(98)).isCloseTo(0.00024285722793500596, within(1e-15));
    assertThat(s.alphaCumprod(99)).isCloseTo(2.4285722793500615e-07, within(1e-17));
  }

  @Test
  void alphaCumprodBeforeTheFirstStepIsOne() {
    assertThat(schedule(BetaSchedule.LINEAR, 10).alphaCumprod(-1)).isEqualTo(1.0);
  }

  @Test
  void clipBoundIsInfiniteWhenClipIsOff() {
    DdpmSchedule s = new DdpmSchedule(new ScheduleConfig(10, BetaSchedule.LINEAR, 1e-4, 0.02, PredictionType.SAMPLE, false, 1.0));
    assertThat(s.clipBound()).isInfinite();
  }

  @Test
  void invalidConfigsNameTheField() {
    assertThatThrownBy(() -> new ScheduleConfig(0, BetaSchedule.LINEAR, 1e-4, 0.02, PredictionType.EPSILON, true, 1))
        .hasMessageContaining("train_timesteps");
    assertThatThrownBy(() -> new ScheduleConfig(10, BetaSchedule.LINEAR, 0.1, 0.02, PredictionType.EPSILON, true, 1))
        .hasMessageContaining("beta_start");
    assertThatThrownBy(() -> new ScheduleConfig(10, BetaSchedule.LINEAR, 1e-4, 0.02, PredictionType.EPSILON, true, Double.NaN))
        .hasMessageContaining("clip_sample_range");
    assertThatThrownBy(() -> BetaSchedule.parse("cosine")).hasMessageContaining("squaredcos_cap_v2");
  }
}
