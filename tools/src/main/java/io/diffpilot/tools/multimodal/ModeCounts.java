package io.diffpilot.tools.multimodal;

import io.diffpilot.sim.obstacle.ObstacleTask;
import io.diffpilot.sim.obstacle.ObstacleTask.Rollout;
import java.util.List;

/**
 * How a policy's rollouts on the obstacle task went round the obstacle.
 *
 * @param left passed on the left without touching it
 * @param right passed on the right
 * @param collision touched the obstacle
 * @param incomplete never got past the obstacle's height
 */
public record ModeCounts(int left, int right, int collision, int incomplete) {

  public ModeCounts {
    if (left < 0 || right < 0 || collision < 0 || incomplete < 0) {
      throw new IllegalArgumentException("counts must be >= 0");
    }
  }

  /** Counts the outcomes of {@code rollouts}. */
  public static ModeCounts of(List<Rollout> rollouts) {
    int[] n = new int[ObstacleTask.Outcome.values().length];
    for (Rollout r : rollouts) {
      n[r.outcome().ordinal()]++;
    }
    return new ModeCounts(n[ObstacleTask.Outcome.LEFT.ordinal()], n[ObstacleTask.Outcome.RIGHT.ordinal()],
        n[ObstacleTask.Outcome.COLLISION.ordinal()], n[ObstacleTask.Outcome.INCOMPLETE.ordinal()]);
  }

  public int total() {
    return left + right + collision + incomplete;
  }

  /** Share of the rarer side among all rollouts. */
  public double minorityModeShare() {
    return total() == 0 ? 0 : Math.min(left, right) / (double) total();
  }

  public double collisionShare() {
    return total() == 0 ? 0 : collision / (double) total();
  }
}
