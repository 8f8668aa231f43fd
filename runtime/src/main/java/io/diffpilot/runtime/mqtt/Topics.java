package io.diffpilot.runtime.mqtt;

/**
 * The MQTT topics of one robot: {@code diffpilot/<robot>/observation}, {@code …/action_chunk},
 * {@code …/status}, {@code …/estop}, and {@code …/record} (recording commands). QoS and retain flags are chosen here, once (see
 * runtime/README.md for why).
 *
 * @param prefix the topic root, normally "diffpilot"
 * @param robotId the robot, non-blank, without MQTT wildcards or '/'
 */
public record Topics(String prefix, String robotId) {

  /** Observations: QoS 0. A lost one is replaced 100 ms later; a re-sent one would be stale. */
  public static final int OBSERVATION_QOS = 0;
  /**
   * Observations expire (MQTT 5 message expiry) after 1 s, the shortest MQTT 5 allows: a broker
   * that holds one for a slow or reconnecting subscriber drops it rather than deliver it stale.
   */
  public static final long OBSERVATION_EXPIRY_SECONDS = 1;
  /** Chunks: QoS 1. A lost chunk starves the robot; a duplicate is harmless (robot dedupes by sequence). */
  public static final int CHUNK_QOS = 1;
  /** Status: QoS 1, retained, so a monitor that subscribes late sees the current state at once. */
  public static final int STATUS_QOS = 1;
  /** Emergency stop: QoS 1, retained; idempotent, so at-least-once is enough. */
  public static final int ESTOP_QOS = 1;
  /**
   * Recording commands: QoS 2, not retained. A lost "save" loses an episode and a repeated
   * "start"/"save" would end one early or save an empty one; a retained one would replay on
   * every restart of the recorder.
   */
  public static final int RECORD_QOS = 2;

  public Topics {
    TopicSegments.require("prefix", prefix);
    TopicSegments.requireOneLevel("robotId", robotId);
  }

  public static Topics of(String robotId) {
    return new Topics("diffpilot", robotId);
  }

  public String observation() {
    return prefix + "/" + robotId + "/observation";
  }

  public String actionChunk() {
    return prefix + "/" + robotId + "/action_chunk";
  }

  public String status() {
    return prefix + "/" + robotId + "/status";
  }

  public String estop() {
    return prefix + "/" + robotId + "/estop";
  }

  /** Recording commands as UTF-8 text: {@code start [task]}, {@code save}, {@code discard}. */
  public String record() {
    return prefix + "/" + robotId + "/record";
  }
}
