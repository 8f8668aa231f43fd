package io.diffpilot.sim.obstacle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.diffpilot.core.ChunkPolicy;
import io.diffpilot.core.Episode;
import io.diffpilot.core.EpisodeDataset;
import io.diffpilot.core.PolicyShape;
import io.diffpilot.core.Sampling;
import io.diffpilot.sim.eval.ScriptedPolicies;
import io.diffpilot.sim.obstacle.ObstacleTask.Outcome;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ObstacleTaskTest {

  @Test
  void demonstrationsGoLeftAndRightHalfTheTimeEachAndReachTheGoal() {
    EpisodeDataset demos = ObstacleTask.demonstrations(20, 42);
    assertThat(demos.size()).isEqualTo(20);
    int left = 0;
    for (int i = 0; i < demos.size(); i++) {
      Episode e = demos.episode(i);
      float[][] s = e.observation("state");
      double[][] path = new double[s.length + 1][];
      for (int t = 0; t < s.length; t++) {
        path[t] = new double[] {s[t][0], s[t][1]};
      }
      double[] last = ObstacleTask.move(path[s.length - 1], e.actions()[s.length - 1][0], e.actions()[s.length - 1][1]);
      path[s.length] = last;
      Outcome o = ObstacleTask.classify(path);
      assertThat(o.name().toLowerCase()).isEqualTo(e.metadata().get("side"));
      assertThat(Math.hypot(last[0] - ObstacleTask.GOAL_X, last[1] - ObstacleTask.GOAL_Y)).isLessThan(ObstacleTask.GOAL_RADIUS);
      assertThat(e.task()).isEqualTo("obstacle");
      if (o == Outcome.LEFT) {
        left++;
      }
    }
    assertThat(left).isEqualTo(10);
  }

  @Test
  void demonstrationsAreReproducible() {
    Episode a = ObstacleTask.demonstrations(3, 7).episode(2);
    Episode b = ObstacleTask.demonstrations(3, 7).episode(2);
    assertThat(a.actions()).isDeepEqualTo(b.actions());
  }

  @Test
  void averagingTheTwoModesDrivesIntoTheObstacle() {
    // A unimodal regressor trained on both modes outputs roughly their mean: straight ahead.
    ChunkPolicy straight = policy((h, s) -> new float[][] {{h[h.length - 1][0], h[h.length - 1][1] + 0.05f}});
    assertThat(ObstacleTask.rollout(straight, 1, Sampling.ddim(1, 0)).outcome()).isEqualTo(Outcome.COLLISION);
  }

  @Test
  void seedDrivenPolicyPicksSidesAndRolloutsAreClassified() {
    // Chooses a side from the chunk seed of its first call, then sticks to it via the observed x.
    ChunkPolicy sided = policy((h, s) -> {
      float[] p = h[h.length - 1];
      float side;
      if (Math.abs(p[0] - 0.5f) > 0.05f) {
        side = Math.signum(p[0] - 0.5f);
      } else {
        side = new SplittableRandom(s.seed()).nextBoolean() ? 1f : -1f;
      }
      float tx = p[1] < 0.55f ? 0.5f + side * 0.3f : 0.5f;
      // Sidestep first (leaves the start jitter band in one step), then go up past the obstacle.
      float ty = p[1] < 0.55f ? (Math.abs(p[0] - 0.5f) < 0.25f ? p[1] : 0.6f) : 0.9f;
      return new float[][] {{tx, ty}, {tx, ty}};
    });
    int left = 0;
    int right = 0;
    for (long seed = 0; seed < 20; seed++) {
      ObstacleTask.Rollout r = ObstacleTask.rollout(sided, seed, Sampling.ddim(1, 3));
      assertThat(r.reachedGoal()).isTrue();
      if (r.outcome() == Outcome.LEFT) {
        left++;
      } else if (r.outcome() == Outcome.RIGHT) {
        right++;
      }
      assertThat(ObstacleTask.rollout(sided, seed, Sampling.ddim(1, 3)).outcome()).isEqualTo(r.outcome());
    }
    assertThat(left + right).isEqualTo(20);
    assertThat(left).isPositive();
    assertThat(right).isPositive();
  }

  @Test
  void pathThatNeverPassesIsIncompleteAndBadTargetsAreRejected() {
    assertThat(ObstacleTask.classify(new double[][] {{0.5, 0.1}, {0.6, 0.1}})).isEqualTo(Outcome.INCOMPLETE);
    assertThatThrownBy(() -> ObstacleTask.move(new double[] {0.5, 0.5}, Double.NaN, 0)).hasMessageContaining("finite");
  }

  private static ChunkPolicy policy(ScriptedPolicies.Script script) {
    return ScriptedPolicies.of(new PolicyShape(2, 2, 2, 2), script);
  }
}
