package io.diffpilot.demos.lerobot;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.diffpilot.core.Episode;
import io.diffpilot.demos.dataset.FeatureStatistics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The statistics a write stores, as LeRobot computes them: per episode for every feature and
 * index column (the {@code stats/…} columns of v3.0's episode metadata, v2.1's
 * episodes_stats.jsonl), and their JSON form (stats.json, with or without quantiles).
 */
final class WriteStatistics {
  private final WritePlan plan;

  WriteStatistics(WritePlan plan) {
    this.plan = plan;
  }

  /** Feature keys then the index columns: the keys of stats.json and of the stats/ columns. */
  List<String> keys() {
    List<String> keys = new ArrayList<>();
    plan.features.forEach(f -> keys.add(f.key()));
    keys.addAll(LeRobotLayout.INDEX_COLUMNS);
    return keys;
  }

  /** min, max, mean, std, count, then the quantiles. */
  static List<String> statNames() {
    List<String> names = new ArrayList<>(List.of("min", "max", "mean", "std", "count"));
    names.addAll(FeatureStatistics.QUANTILE_KEYS);
    return names;
  }

  /** frame_index, episode_index, index and task_index are int64; LeRobot keeps their min and max whole. */
  static boolean isIntegerColumn(String key) {
    return LeRobotLayout.INDEX_COLUMNS.contains(key) && !key.equals("timestamp");
  }

  /** Statistics of episode {@code i} (position) for every key of {@link #keys()}. */
  Map<String, FeatureStatistics> episode(int i) {
    Episode e = plan.ds.episode(i);
    int n = e.length();
    Map<String, FeatureStatistics> out = new LinkedHashMap<>();
    List<float[][]> cols = plan.columns(e);
    for (int k = 0; k < plan.features.size(); k++) {
      out.put(plan.features.get(k).key(), FeatureStatistics.ofFloat32(cols.get(k)));
    }
    double[] timestamps = new double[n];
    long[][] ints = new long[4][n];
    for (int t = 0; t < n; t++) {
      // LeRobot's buffer holds frame_index / fps in float64 (stored as float32 afterwards): its
      // statistics are of those values, which a float32 timestamp of the same value stands for.
      double stored = e.timestampsSeconds()[t];
      double nominal = t / plan.schema.fps();
      timestamps[t] = (float) stored == (float) nominal ? nominal : stored;
      ints[0][t] = t;
      ints[1][t] = i;
      ints[2][t] = plan.from[i] + t;
      ints[3][t] = plan.taskOf[i];
    }
    out.put("timestamp", FeatureStatistics.ofFloat64(timestamps));
    out.put("frame_index", FeatureStatistics.ofInt64(ints[0]));
    out.put("episode_index", FeatureStatistics.ofInt64(ints[1]));
    out.put("index", FeatureStatistics.ofInt64(ints[2]));
    out.put("task_index", FeatureStatistics.ofInt64(ints[3]));
    return out;
  }

  /** One episode's stats as v2.1's episodes_stats.jsonl holds them (min, max, mean, std, count). */
  ObjectNode episodeJson(ObjectMapper json, int i) {
    ObjectNode root = json.createObjectNode();
    episode(i).forEach((key, s) -> root.set(key, node(json, s, isIntegerColumn(key), false)));
    return root;
  }

  /** One key's statistics as JSON: min, max, mean, std, count, and the quantiles when asked. */
  static ObjectNode node(ObjectMapper json, FeatureStatistics s, boolean integer, boolean quantiles) {
    ObjectNode n = json.createObjectNode();
    putArray(n.putArray("min"), s.min(), integer);
    putArray(n.putArray("max"), s.max(), integer);
    putArray(n.putArray("mean"), s.mean(), false);
    putArray(n.putArray("std"), s.std(), false);
    n.putArray("count").add(s.count());
    if (quantiles) {
      for (String q : FeatureStatistics.QUANTILE_KEYS) {
        putArray(n.putArray(q), s.quantiles().get(q), false);
      }
    }
    return n;
  }

  private static void putArray(ArrayNode a, double[] values, boolean integer) {
    for (double v : values) {
      if (integer) {
        a.add((long) v);
      } else {
        a.add(v);
      }
    }
  }
}
