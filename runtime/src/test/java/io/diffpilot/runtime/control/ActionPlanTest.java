package io.diffpilot.runtime.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.diffpilot.core.ActionChunk;
import org.junit.jupiter.api.Test;

class ActionPlanTest {
  private static final long STEP = 100;

  private static ActionChunk chunk(long start, float... values) {
    float[][] a = new float[values.length][];
    for (int i = 0; i < values.length; i++) {
      a[i] = new float[] {values[i]};
    }
    return new ActionChunk(start, STEP, a, 8);
  }

  @Test
  void actionsAlreadyInThePastAreDropped() {
    ActionPlan.Merge m = ActionPlan.merge(null, chunk(1000, 1, 2, 3, 4), 1150, MergeRule.LATEST, 0.5, 0.01);
    assertThat(m.lateDropped()).isEqualTo(2);
    assertThat(m.plan().startNanos).isEqualTo(1200);
    assertThat(m.plan().actions[0][0]).isEqualTo(3);
  }

  @Test
  void chunkEntirelyInThePastGivesNoPlan() {
    ActionPlan.Merge m = ActionPlan.merge(null, chunk(1000, 1, 2), 1500, MergeRule.LATEST, 0.5, 0.01);
    assertThat(m.plan()).isNull();
    assertThat(m.lateDropped()).isEqualTo(2);
  }

  @Test
  void latestReplacesTheOverlap() {
    ActionPlan old = ActionPlan.merge(null, chunk(1000, 0, 0, 0, 0), 1000, MergeRule.LATEST, 0.5, 0.01).plan();
    ActionPlan p = ActionPlan.merge(old, chunk(1200, 10, 10, 10), 1200, MergeRule.LATEST, 0.5, 0.01).plan();
    assertThat(p.actions[0][0]).isEqualTo(10);
    assertThat(p.length()).isEqualTo(3);
  }

  @Test
  void averageBlendsOverlappingSlotsOnly() {
    ActionPlan old = ActionPlan.merge(null, chunk(1000, 0, 0, 0, 0), 1000, MergeRule.AVERAGE, 0.25, 0.01).plan();
    ActionPlan p = ActionPlan.merge(old, chunk(1200, 8, 8, 8), 1200, MergeRule.AVERAGE, 0.25, 0.01).plan();
    assertThat(p.actions[0][0]).isEqualTo(2f); // slot 1200 overlaps: 0.75*0 + 0.25*8
    assertThat(p.actions[1][0]).isEqualTo(2f); // slot 1300 overlaps
    assertThat(p.actions[2][0]).isEqualTo(8f); // slot 1400: past the old plan's end
  }

  @Test
  void exponentialWeightsFavourOlderPredictionsLikeAct() {
    double k = 0.5;
    ActionPlan p = ActionPlan.merge(null, chunk(1000, 0, 0, 0), 1000, MergeRule.EXPONENTIAL, 0.5, k).plan();
    p = ActionPlan.merge(p, chunk(1000, 1, 1, 1), 1000, MergeRule.EXPONENTIAL, 0.5, k).plan();
    p = ActionPlan.merge(p, chunk(1000, 2, 2, 2), 1000, MergeRule.EXPONENTIAL, 0.5, k).plan();
    double w0 = 1;
    double w1 = Math.exp(-k);
    double w2 = Math.exp(-2 * k);
    double expected = (w0 * 0 + w1 * 1 + w2 * 2) / (w0 + w1 + w2);
    assertThat((double) p.actions[0][0]).isCloseTo(expected, within(1e-6));
    assertThat(p.counts[0]).isEqualTo(3);
  }

  @Test
  void remainingAndActionAtFollowTheClock() {
    ActionPlan p = ActionPlan.merge(null, chunk(1000, 1, 2, 3, 4), 1000, MergeRule.LATEST, 0.5, 0.01).plan();
    assertThat(p.remainingAt(1000)).isEqualTo(4);
    assertThat(p.remainingAt(1001)).isEqualTo(3);
    assertThat(p.remainingAt(2000)).isZero();
    assertThat(p.actionAt(1250)[0]).isEqualTo(3);
    assertThat(p.actionAt(9999)[0]).isEqualTo(4);
  }
}
