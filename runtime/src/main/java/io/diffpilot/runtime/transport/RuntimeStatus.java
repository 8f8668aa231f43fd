package io.diffpilot.runtime.transport;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The controller's health for one robot, published periodically and on every state change.
 *
 * @param robotId the robot, non-blank
 * @param state what the controller is doing now
 * @param stampNanos controller clock when the status was taken (ns)
 * @param observationsAccepted observations admitted to the window so far
 * @param chunksPublished chunks published so far (policy and hold)
 * @param lastStepsUsed denoising steps of the last policy chunk (0 if none yet)
 * @param lastInferenceNanos inference time of the last policy chunk (0 if none yet)
 * @param faults counts per fault since start (absent = 0); copied, unmodifiable
 * @param detail short human-readable note on the latest state change ("" if none)
 */
public record RuntimeStatus(
    String robotId,
    State state,
    long stampNanos,
    long observationsAccepted,
    long chunksPublished,
    int lastStepsUsed,
    long lastInferenceNanos,
    Map<Fault, Long> faults,
    String detail) {

  /** What the controller is doing. */
  public enum State {
    /** Started, waiting for the first valid observations. */
    STARTING,
    /** Producing policy chunks. */
    RUNNING,
    /** Holding at the last commanded position (watchdog, repeated faults). */
    HOLDING,
    /** Emergency stop engaged: holding, no policy output. */
    EMERGENCY_STOPPED,
    /** The controller is gone (sent as the MQTT Last Will, or on a clean shutdown). */
    OFFLINE
  }

  public RuntimeStatus {
    RobotIds.requireNonBlank(robotId);
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(faults, "faults");
    detail = detail == null ? "" : detail;
    EnumMap<Fault, Long> copy = new EnumMap<>(Fault.class);
    for (Map.Entry<Fault, Long> e : faults.entrySet()) {
      if (e.getValue() == null || e.getValue() < 0) {
        throw new IllegalArgumentException("fault count for " + e.getKey() + " must be >= 0");
      }
      if (e.getValue() > 0) {
        copy.put(e.getKey(), e.getValue());
      }
    }
    faults = Collections.unmodifiableMap(copy);
  }

  /** Count of one fault (0 if never seen). */
  public long count(Fault fault) {
    return faults.getOrDefault(fault, 0L);
  }

  /** Total of all fault counts. */
  public long totalFaults() {
    long sum = 0;
    for (long v : faults.values()) {
      sum += v;
    }
    return sum;
  }

  /** The same status with another detail text. */
  public RuntimeStatus withDetail(String newDetail) {
    return new RuntimeStatus(robotId, state, stampNanos, observationsAccepted, chunksPublished, lastStepsUsed,
        lastInferenceNanos, faults, newDetail);
  }

  /** The status saying the controller for {@code robotId} is gone. */
  public static RuntimeStatus offline(String robotId, long stampNanos) {
    return new RuntimeStatus(robotId, State.OFFLINE, stampNanos, 0, 0, 0, 0, Map.of(), "offline");
  }
}
