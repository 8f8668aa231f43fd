package io.diffpilot.policy.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.diffpilot.core.Episode;
import io.diffpilot.core.EpisodeDataset;
import io.diffpilot.policy.model.PolicyLayout;
import io.diffpilot.policy.normalize.LinearNormalizer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrainingWindowsTest {

  /** Episode of L steps where observation t = t and action t = 10 t (identity normalizer keeps them). */
  private static EpisodeDataset ramp(int length) {
    double[] ts = new double[length];
    float[][] obs = new float[length][1];
    float[][] act = new float[length][1];
    for (int t = 0; t < length; t++) {
      ts[t] = t;
      obs[t][0] = t;
      act[t][0] = 10 * t;
    }
    return EpisodeDataset.of("ramp", List.of(new Episode(0, "ramp", ts, Map.of("o", obs), act, null)));
  }

  @Test
  void windowsArePaddedBeforeByToMinusOneAndAfterByTaMinusOne() {
    // To 2, Tp 4, Ta 2, L 6: starts −1 … L − Tp + Ta − 1 = 3, so 5 windows (diffusion_policy: L − Tp + To + Ta − 1).
    TrainingWindows w = new TrainingWindows(ramp(6), new PolicyLayout("o", 1, 1, 2, 4, 2), LinearNormalizer.identity(1, 1));
    assertThat(w.size()).isEqualTo(6 - 4 + 2 + 2 - 1);
    TrainingWindows.Batch first = w.window(0);
    assertThat(first.globalCond()).containsExactly(0f, 0f); // step −1 repeats step 0
    assertThat(first.actions()).containsExactly(0f, 0f, 10f, 20f);
    TrainingWindows.Batch last = w.window(w.size() - 1);
    assertThat(last.globalCond()).containsExactly(3f, 4f);
    assertThat(last.actions()).containsExactly(30f, 40f, 50f, 50f); // step 6 repeats step 5
  }

  @Test
  void tooShortEpisodesGiveAClearError() {
    assertThatThrownBy(() -> new TrainingWindows(ramp(2), new PolicyLayout("o", 1, 1, 1, 8, 1), LinearNormalizer.identity(1, 1)))
        .hasMessageContaining("no training windows");
  }

  @Test
  void wrongObservationWidthNamesTheEpisode() {
    assertThatThrownBy(() -> new TrainingWindows(ramp(6), new PolicyLayout("o", 3, 1, 2, 4, 2), LinearNormalizer.identity(3, 1)))
        .hasMessageContaining("episode 0").hasMessageContaining("obsDim 3");
  }

  @Test
  void cosineWarmupMatchesDiffusers() {
    CosineWarmup s = new CosineWarmup(1e-3, 10, 110);
    assertThat(s.at(0)).isZero();
    assertThat(s.at(5)).isEqualTo(5e-4);
    assertThat(s.at(10)).isEqualTo(1e-3);
    assertThat(s.at(60)).isCloseTo(5e-4, org.assertj.core.api.Assertions.within(1e-15));
    assertThat(s.at(110)).isCloseTo(0, org.assertj.core.api.Assertions.within(1e-18));
  }

  @Test
  void emaDecayFollowsDiffusionPolicyWarmup() {
    EmaModel ema = new EmaModel(Map.of(), null, 0.75, 0.9999);
    assertThat(ema.decay(0)).isZero();
    assertThat(ema.decay(1)).isZero();
    assertThat(ema.decay(2)).isEqualTo(1 - Math.pow(2, -0.75));
    assertThat(ema.decay(10_000_000)).isEqualTo(0.9999);
  }
}
