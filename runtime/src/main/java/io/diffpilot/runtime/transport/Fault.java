package io.diffpilot.runtime.transport;

import io.diffpilot.core.ObservationWindow;

/**
 * Every fault the controller counts. Each occurrence is a counted event in {@link RuntimeStatus}
 * and a log line; none of them stops the loop.
 */
public enum Fault {
  /** Observation width differs from the policy's obsDim. */
  WRONG_DIMENSION,
  /** Observation contains NaN or ±Inf. */
  NOT_FINITE,
  /** Observation sequence number seen before. */
  DUPLICATE_SEQUENCE,
  /** Observation older (sequence or capture time) than the newest admitted one. */
  OUT_OF_ORDER,
  /** Observation captured longer ago than the staleness limit. */
  STALE,
  /** Observation from another robot session than the current one (a restart not yet adopted, or a stranger). */
  OTHER_SESSION,
  /** Observation whose sequence is further ahead of the newest admitted one than the allowed gap. */
  SEQUENCE_JUMP,
  /** Observation captured further in the future than the tolerance, by the robot clock as estimated. */
  FUTURE_STAMP,
  /**
   * The controller started the robot's stream over from a run of rejected observations (a restart,
   * or a wild reference): history, clock estimate and sequence reference were reset.
   */
  RESYNCHRONISED,
  /** Payload that does not decode (bad bytes, missing or inconsistent fields, wrong robot). */
  MALFORMED_PAYLOAD,
  /** Not even the minimum step count fits the latency budget: the previous chunk keeps running. */
  DEADLINE_MISS,
  /** No valid observation for longer than the watchdog limit: holding position. */
  WATCHDOG_HOLD,
  /** The policy threw or returned a malformed / non-finite chunk. */
  POLICY_ERROR,
  /**
   * Actions of a new chunk dropped because they were in the past beyond what the latency budget
   * allows. The first actions of every chunk are in the past by the inference time (their times
   * start at the observation's capture); dropping those is normal and not counted here.
   */
  LATE_ACTIONS_DROPPED,
  /** An action was clamped to the configured position bounds. */
  ACTION_CLAMPED,
  /** An action was limited by the configured rate limit. */
  RATE_LIMITED,
  /** The emergency stop was engaged. */
  EMERGENCY_STOP,
  /** The transport could not publish a chunk or status. */
  PUBLISH_FAILED,
  /** The transport lost its connection. */
  CONNECTION_LOST,
  /** A bug caught at the loop's edge (an exception that would otherwise have escaped). */
  INTERNAL_ERROR;

  /** The fault matching an observation-window rejection reason. */
  public static Fault of(ObservationWindow.Rejection rejection) {
    return switch (rejection) {
      case WRONG_DIMENSION -> WRONG_DIMENSION;
      case NOT_FINITE -> NOT_FINITE;
      case DUPLICATE_SEQUENCE -> DUPLICATE_SEQUENCE;
      case OUT_OF_ORDER -> OUT_OF_ORDER;
      case STALE -> STALE;
      case OTHER_SESSION -> OTHER_SESSION;
      case SEQUENCE_JUMP -> SEQUENCE_JUMP;
      case FUTURE_STAMP -> FUTURE_STAMP;
    };
  }
}
