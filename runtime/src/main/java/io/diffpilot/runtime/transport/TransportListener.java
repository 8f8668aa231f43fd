package io.diffpilot.runtime.transport;

import io.diffpilot.core.Observation;

/**
 * What a {@link ControllerTransport} reports to the control loop. Called on the transport's
 * receive thread; implementations validate, enqueue and return, and never throw (a transport
 * should still guard the call).
 */
public interface TransportListener {

  /**
   * A decoded observation.
   *
   * @param robotId the robot it came from (from the topic / message)
   * @param observation sequence, capture time (robot clock, ns) and state [obsDim]; not yet
   *     validated for dimension, finiteness, order or staleness: the control loop does that
   * @param receivedNanos the receiver's clock ({@link io.diffpilot.core.Clock}) at arrival
   */
  void onObservation(String robotId, Observation observation, long receivedNanos);

  /**
   * A payload that could not be decoded into an observation (malformed bytes, missing fields,
   * a robot id that does not match the topic). Counted as {@link Fault#MALFORMED_PAYLOAD}.
   *
   * @param robotId the robot named by the topic, or "?" when unknown
   * @param reason a short human-readable reason naming the field or place
   */
  void onMalformed(String robotId, String reason);

  /**
   * The emergency stop of {@code robotId} was engaged ({@code true}) or released. While engaged
   * the controller publishes nothing but holds; it wins over everything else.
   */
  void onEmergencyStop(String robotId, boolean engaged);

  /** The transport lost or regained its connection; the default ignores it. */
  default void onConnectionChange(boolean connected) {}
}
