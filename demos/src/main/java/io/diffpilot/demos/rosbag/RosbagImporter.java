package io.diffpilot.demos.rosbag;

import io.diffpilot.core.Episode;
import io.diffpilot.demos.dataset.DatasetFormatException;
import io.diffpilot.demos.dataset.DatasetSchema;
import io.diffpilot.demos.dataset.DemoDataset;
import io.diffpilot.demos.dataset.Feature;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Imports a ROS 1 bag into episodes: reads it ({@link BagReader}), decodes the chosen topics
 * ({@link RosMessageDecoder}) and samples them at the control rate ({@link TopicAligner}'s rule:
 * latest message at or before each tick, no older than the max age).
 */
public final class RosbagImporter {

  /** The imported dataset and what the import had to report (skipped segments, stale ticks, recovery). */
  public record Result(DemoDataset dataset, List<String> report) {}

  private RosbagImporter() {}

  /**
   * @throws DatasetFormatException naming the bag and the topic / message / byte at fault
   */
  public static Result importBag(Path bagFile, RosbagImportConfig config) {
    Bag bag = BagReader.read(bagFile, config.recover());
    String file = bagFile.toString();
    Map<String, TimeSeries> obs = new LinkedHashMap<>();
    config.observationTopics().forEach((name, topic) -> obs.put(name, series(bag, topic, file)));
    TimeSeries action = series(bag, config.actionTopic(), file);
    long[] markers = new long[0];
    if (config.markerTopic() != null) {
      if (bag.connectionsOn(config.markerTopic()).isEmpty()) {
        throw new DatasetFormatException(file, "topic " + config.markerTopic(), "marker topic not in the bag (topics: "
            + topics(bag) + ")");
      }
      markers = bag.messages().stream()
          .filter(m -> bag.connections().get(m.connection()).topic().equals(config.markerTopic()))
          .mapToLong(BagMessage::timeNanos).toArray();
    }
    TopicAligner aligner = new TopicAligner(config.controlHz(), config.maxAgeSeconds(), config.gapSeconds());
    List<Episode> episodes = aligner.align(obs, action, markers, config.task(),
        Map.of("source", bagFile.getFileName().toString()));
    if (episodes.isEmpty()) {
      throw new DatasetFormatException(file, "", "no episode could be sampled: " + aligner.report);
    }
    Map<String, Feature> features = new LinkedHashMap<>();
    obs.forEach((name, s) -> features.put(name, Feature.observation(name, s.values()[0].length, s.names())));
    DatasetSchema schema = new DatasetSchema(config.controlHz(), features,
        Feature.action(action.values()[0].length, action.names()));
    List<String> report = new ArrayList<>(bag.notes());
    report.addAll(aligner.report);
    return new Result(DemoDataset.of("rosbag " + bagFile.getFileName(), "", schema, episodes), report);
  }

  private static TimeSeries series(Bag bag, String topic, String file) {
    List<BagConnection> conns = bag.connectionsOn(topic);
    if (conns.isEmpty()) {
      throw new DatasetFormatException(file, "topic " + topic, "not in the bag (topics: " + topics(bag) + ")");
    }
    for (BagConnection c : conns) {
      try {
        RosMessageDecoder.checkSupported(c);
      } catch (IllegalArgumentException e) {
        throw new DatasetFormatException(file, "topic " + topic, e.getMessage());
      }
    }
    List<Long> times = new ArrayList<>();
    List<float[]> values = new ArrayList<>();
    List<String> names = null;
    int width = -1;
    for (BagMessage m : bag.messages()) {
      BagConnection c = bag.connections().get(m.connection());
      if (!c.topic().equals(topic)) {
        continue;
      }
      String place = "topic " + topic + ", message " + values.size() + " at t=" + m.timeNanos() / 1e9 + " s";
      float[] v;
      try {
        v = RosMessageDecoder.decode(c.type(), m.data());
      } catch (IllegalArgumentException e) {
        throw new DatasetFormatException(file, place, e.getMessage());
      }
      // Joint names name the components; a bag whose joint order changes would scramble them.
      List<String> these;
      try {
        these = RosMessageDecoder.names(c.type(), m.data());
      } catch (IllegalArgumentException e) {
        throw new DatasetFormatException(file, place, e.getMessage());
      }
      if (names == null) {
        names = these;
      } else if (!names.equals(these)) {
        throw new DatasetFormatException(file, place, "joint names " + these + " differ from the first message's " + names);
      }
      if (width < 0) {
        width = v.length;
        if (width == 0) {
          throw new DatasetFormatException(file, place, "empty vector");
        }
      } else if (v.length != width) {
        throw new DatasetFormatException(file, place, "width " + v.length + ", earlier messages have " + width);
      }
      for (int j = 0; j < v.length; j++) {
        if (!Float.isFinite(v[j])) {
          throw new DatasetFormatException(file, place + ", element " + j, "not finite");
        }
      }
      times.add(m.timeNanos());
      values.add(v);
    }
    if (values.isEmpty()) {
      throw new DatasetFormatException(file, "topic " + topic, "has a connection but no messages");
    }
    List<String> componentNames = names.size() == width ? names : List.of();
    return new TimeSeries(topic, times.stream().mapToLong(Long::longValue).toArray(), values.toArray(new float[0][]),
        componentNames);
  }

  private static List<String> topics(Bag bag) {
    return bag.connections().values().stream().map(BagConnection::topic).distinct().sorted().toList();
  }
}
