package io.diffpilot.core;

import java.util.Objects;

/**
 * One observation as the robot sent it.
 *
 * @param sequence robot-assigned sequence number, increasing by at least 1 per observation
 * @param captureNanos capture time on the robot's clock (ns)
 * @param state the flattened observation vector (joint states, poses, keypoints)
 * @param session the robot's session: a number it draws anew each time it starts, so that the
 *     controller can tell a restart (sequence and clock begin again) from a stray message; 0 when
 *     the robot does not send one (the controller then re-synchronises by its rejection rule)
 */
public record Observation(long sequence, long captureNanos, float[] state, long session) {
  public Observation {
    Objects.requireNonNull(state, "state");
  }

  /** An observation without a session (session 0), as robots that predate sessions send. */
  public Observation(long sequence, long captureNanos, float[] state) {
    this(sequence, captureNanos, state, 0L);
  }
}
