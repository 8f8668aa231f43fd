package io.diffpilot.core;

import java.util.Objects;

/**
 * A time-stamped chunk of future actions: action {@code i} is to be executed at
 * {@code startNanos + i * stepNanos} on the robot's clock.
 *
 * @param startNanos time of the first action (robot clock, ns)
 * @param stepNanos period between actions (ns), &gt; 0
 * @param actions [Ta][A], finite
 * @param inferenceSteps denoising steps used to produce it (0 for hold or scripted chunks)
 */
public record ActionChunk(long startNanos, long stepNanos, float[][] actions, int inferenceSteps) {

  public ActionChunk {
    Objects.requireNonNull(actions, "actions");
    if (stepNanos <= 0) {
      throw new IllegalArgumentException("stepNanos must be > 0, got " + stepNanos);
    }
    if (actions.length == 0) {
      throw new IllegalArgumentException("an action chunk needs at least one action");
    }
    int dim = actions[0].length;
    for (int i = 0; i < actions.length; i++) {
      if (actions[i].length != dim) {
        throw new IllegalArgumentException("action " + i + " has width " + actions[i].length + ", expected " + dim);
      }
      for (float v : actions[i]) {
        if (!Float.isFinite(v)) {
          throw new IllegalArgumentException("action " + i + " is not finite");
        }
      }
    }
    if (inferenceSteps < 0) {
      throw new IllegalArgumentException("inferenceSteps must be >= 0");
    }
  }

  /** Number of actions Ta. */
  public int length() {
    return actions.length;
  }

  /** Action dimension A. */
  public int actionDim() {
    return actions[0].length;
  }

  /** Scheduled time of action {@code i} (ns). */
  public long timeOf(int i) {
    return startNanos + i * stepNanos;
  }

  /** Time just after the last action's slot (ns). */
  public long endNanos() {
    return startNanos + actions.length * stepNanos;
  }
}
