package io.diffpilot.demos.rosbag;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How to turn a bag into episodes.
 *
 * @param observationTopics observation name → topic (for example "state" → "/joint_states")
 * @param actionTopic topic of the commanded actions
 * @param controlHz sampling rate of the episodes (ticks per second)
 * @param maxAgeSeconds at a tick, each topic's latest message must be at most this old; a tick
 *     where one is older ends the episode there (the ticks until every topic is fresh again are
 *     dropped and counted)
 * @param gapSeconds a silence longer than this on all chosen topics together starts a new episode
 * @param markerTopic a topic whose every message starts a new episode, or null
 * @param task task name stored in each episode
 * @param recover read a bag without an index by scanning its complete chunks (reported)
 */
public record RosbagImportConfig(
    Map<String, String> observationTopics,
    String actionTopic,
    double controlHz,
    double maxAgeSeconds,
    double gapSeconds,
    String markerTopic,
    String task,
    boolean recover) {

  public RosbagImportConfig {
    Objects.requireNonNull(observationTopics, "observationTopics");
    Objects.requireNonNull(actionTopic, "actionTopic");
    if (observationTopics.isEmpty()) {
      throw new IllegalArgumentException("at least one observation topic is needed");
    }
    if (!(controlHz > 0) || !Double.isFinite(controlHz)) {
      throw new IllegalArgumentException("controlHz must be > 0, got " + controlHz);
    }
    if (!(maxAgeSeconds > 0)) {
      throw new IllegalArgumentException("maxAgeSeconds must be > 0, got " + maxAgeSeconds);
    }
    if (!(gapSeconds > 0)) {
      throw new IllegalArgumentException("gapSeconds must be > 0, got " + gapSeconds);
    }
    observationTopics = Collections.unmodifiableMap(new LinkedHashMap<>(observationTopics));
    task = task == null || task.isBlank() ? "rosbag" : task;
  }

  /**
   * Defaults: ages up to 2 control periods, gaps of 1 s split episodes, no marker.
   */
  public static RosbagImportConfig of(Map<String, String> observationTopics, String actionTopic, double controlHz) {
    return new RosbagImportConfig(observationTopics, actionTopic, controlHz, 2.0 / controlHz, 1.0, null, "rosbag", false);
  }

  public RosbagImportConfig withMarker(String topic) {
    return new RosbagImportConfig(observationTopics, actionTopic, controlHz, maxAgeSeconds, gapSeconds, topic, task, recover);
  }

  public RosbagImportConfig withRecover(boolean on) {
    return new RosbagImportConfig(observationTopics, actionTopic, controlHz, maxAgeSeconds, gapSeconds, markerTopic, task, on);
  }

  public RosbagImportConfig withTiming(double maxAge, double gap) {
    return new RosbagImportConfig(observationTopics, actionTopic, controlHz, maxAge, gap, markerTopic, task, recover);
  }

  /** Default observation name for a topic: "/robot/joint_states" → "robot_joint_states". */
  public static String nameOf(String topic) {
    String s = topic.startsWith("/") ? topic.substring(1) : topic;
    return s.replace('/', '_');
  }
}
