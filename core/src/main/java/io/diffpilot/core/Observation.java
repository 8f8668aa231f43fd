package io.diffpilot.core;

import java.util.Objects;

/**
 * One observation as the robot sent it.
 *
 * @param sequence robot-assigned sequence number, increasing by at least 1 per observation
 * @param captureNanos capture time on the robot's clock (ns)
 * @param state the flattened observation vector (joint states, poses, keypoints)
 */
public record Observation(long sequence, long captureNanos, float[] state) {
  public Observation {
    Objects.requireNonNull(state, "state");
  }
}
