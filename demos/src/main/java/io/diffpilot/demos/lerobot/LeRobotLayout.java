package io.diffpilot.demos.lerobot;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * File names of LeRobot's dataset layout and the {@code {key:03d}} templates of info.json.
 *
 * <pre>
 * v3.0: meta/info.json, meta/stats.json, meta/tasks.parquet,
 *       meta/episodes/chunk-CCC/file-FFF.parquet, data/chunk-CCC/file-FFF.parquet
 * v2.1: meta/info.json, meta/episodes.jsonl, meta/tasks.jsonl, meta/episodes_stats.jsonl,
 *       data/chunk-CCC/episode_EEEEEE.parquet (one episode per file)
 * </pre>
 */
public final class LeRobotLayout {
  private LeRobotLayout() {}

  public static final String V30 = "v3.0";
  public static final String V21 = "v2.1";
  public static final String V20 = "v2.0";

  public static final String INFO = "meta/info.json";
  public static final String STATS = "meta/stats.json";
  public static final String TASKS_PARQUET = "meta/tasks.parquet";
  public static final String EPISODES_V3 = "meta/episodes/chunk-%03d/file-%03d.parquet";
  public static final String DATA_PATH_V3 = "data/chunk-{chunk_index:03d}/file-{file_index:03d}.parquet";
  public static final String VIDEO_PATH_V3 = "videos/{video_key}/chunk-{chunk_index:03d}/file-{file_index:03d}.mp4";

  public static final String EPISODES_JSONL = "meta/episodes.jsonl";
  public static final String TASKS_JSONL = "meta/tasks.jsonl";
  public static final String EPISODES_STATS_JSONL = "meta/episodes_stats.jsonl";
  public static final String DATA_PATH_V2 = "data/chunk-{episode_chunk:03d}/episode_{episode_index:06d}.parquet";
  public static final String VIDEO_PATH_V2 = "videos/chunk-{episode_chunk:03d}/{video_key}/episode_{episode_index:06d}.mp4";

  public static final int CHUNKS_SIZE = 1000;

  /** Columns every frame carries besides the features. */
  public static final java.util.List<String> INDEX_COLUMNS =
      java.util.List.of("timestamp", "frame_index", "episode_index", "index", "task_index");

  private static final Pattern FIELD = Pattern.compile("\\{(\\w+)(?::0?(\\d+)d)?}");

  /** Fills a Python format template such as {@code data/chunk-{chunk_index:03d}/...}. */
  public static String format(String template, Map<String, ?> values) {
    Matcher m = FIELD.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      Object v = values.get(m.group(1));
      if (v == null) {
        throw new IllegalArgumentException("template '" + template + "' needs '" + m.group(1) + "'");
      }
      String s = m.group(2) == null ? v.toString() : String.format("%0" + m.group(2) + "d", ((Number) v).longValue());
      m.appendReplacement(out, Matcher.quoteReplacement(s));
    }
    m.appendTail(out);
    return out.toString();
  }
}
