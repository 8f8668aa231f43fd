package io.diffpilot.runtime.transport;

import io.diffpilot.core.ActionChunk;
import java.util.Objects;

/**
 * One action chunk as the controller publishes it to a robot.
 *
 * @param robotId the robot it is for, non-blank
 * @param sequence controller-assigned sequence number of this chunk, per robot, increasing
 * @param answersObservationSequence sequence of the newest observation that conditioned it (for a
 *     hold chunk: the newest observation seen, or -1 if none)
 * @param chunk absolute-time actions [Ta][A] on the robot's clock, already merged and clamped
 * @param inferenceNanos wall time the policy took for it (0 for hold chunks)
 * @param origin whether the policy produced it or the safety layer is holding position
 */
public record OutgoingChunk(
    String robotId,
    long sequence,
    long answersObservationSequence,
    ActionChunk chunk,
    long inferenceNanos,
    Origin origin) {

  /** Where a chunk came from. */
  public enum Origin {
    /** Produced by the policy (then merged and clamped). */
    POLICY,
    /** Hold at the last commanded position: watchdog, deadline miss with nothing left, fault. */
    HOLD,
    /** Hold because the emergency stop is engaged. */
    EMERGENCY_STOP
  }

  public OutgoingChunk {
    RobotIds.requireNonBlank(robotId);
    Objects.requireNonNull(chunk, "chunk");
    Objects.requireNonNull(origin, "origin");
    if (inferenceNanos < 0) {
      throw new IllegalArgumentException("inferenceNanos must be >= 0, got " + inferenceNanos);
    }
  }

  /** Denoising steps the policy used (0 for hold chunks). */
  public int stepsUsed() {
    return chunk.inferenceSteps();
  }
}
