package io.diffpilot.demos.rosbag;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The content of a ROS bag (format 2.0) as {@link BagReader} read it.
 *
 * @param file the bag file
 * @param connections connection id → connection
 * @param messages all message records, in time order (stable for equal times)
 * @param notes what the reader had to report (recovery from a missing index, bytes skipped); empty
 *     for a bag read whole with its index
 */
public record Bag(Path file, Map<Integer, BagConnection> connections, List<BagMessage> messages, List<String> notes) {

  /** The connections on {@code topic} (a topic may have several, one per publisher). */
  public List<BagConnection> connectionsOn(String topic) {
    return connections.values().stream().filter(c -> c.topic().equals(topic)).toList();
  }

  /** Number of messages on {@code topic}. */
  public long count(String topic) {
    return messages.stream().filter(m -> connections.get(m.connection()).topic().equals(topic)).count();
  }
}
