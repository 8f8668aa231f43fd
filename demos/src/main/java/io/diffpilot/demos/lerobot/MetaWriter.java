package io.diffpilot.demos.lerobot;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.diffpilot.demos.dataset.Feature;
import io.diffpilot.demos.dataset.FeatureStatistics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code meta/} folder of a write: info.json for both versions; for v3.0 the episode
 * metadata Parquet file (with per-episode statistics), tasks.parquet and stats.json; for v2.1
 * episodes.jsonl, episodes_stats.jsonl and tasks.jsonl.
 */
final class MetaWriter {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  // pandas metadata makes LeRobot's pd.read_parquet index the tasks by their text, as LeRobot writes it.
  private static final String TASKS_PANDAS = "{\"index_columns\": [\"__index_level_0__\"], \"column_indexes\": [{\"name\": null,"
      + " \"field_name\": null, \"pandas_type\": \"unicode\", \"numpy_type\": \"object\", \"metadata\":"
      + " {\"encoding\": \"UTF-8\"}}], \"columns\": [{\"name\": \"task_index\", \"field_name\": \"task_index\","
      + " \"pandas_type\": \"int64\", \"numpy_type\": \"int64\", \"metadata\": null}, {\"name\": null,"
      + " \"field_name\": \"__index_level_0__\", \"pandas_type\": \"unicode\", \"numpy_type\": \"object\","
      + " \"metadata\": null}], \"attributes\": {}, \"creator\": {\"library\": \"diffpilot\", \"version\":"
      + " \"0.1.0\"}, \"pandas_version\": \"2.2.3\"}";

  private final WritePlan plan;
  private final WriteStatistics statistics;
  private final FrameFiles files;

  MetaWriter(WritePlan plan, FrameFiles files) {
    this.plan = plan;
    this.statistics = new WriteStatistics(plan);
    this.files = files;
  }

  /** meta/ of v3.0 except info.json, into {@code meta}. */
  void writeV3(Connection c, Path meta) throws SQLException, IOException {
    List<Map<String, FeatureStatistics>> perEpisode = new ArrayList<>();
    for (int i = 0; i < plan.ds.size(); i++) {
      perEpisode.add(statistics.episode(i));
    }
    writeEpisodesV3(c, meta.resolve(String.format(LeRobotLayout.EPISODES_V3, 0, 0).substring("meta/".length())), perEpisode);
    StringBuilder taskRows = new StringBuilder();
    for (var t : plan.tasks.entrySet()) {
      taskRows.append(taskRows.length() == 0 ? "" : ", ").append("(").append(t.getValue()).append("::BIGINT, ")
          .append(Duck.text(t.getKey())).append(')');
    }
    ArrowSchema tasksSchema = new ArrowSchema(List.of(
        ArrowSchema.ArrowField.scalar("task_index", ArrowSchema.Scalar.INT64),
        ArrowSchema.ArrowField.scalar("__index_level_0__", ArrowSchema.Scalar.UTF8)), Map.of("pandas", TASKS_PANDAS));
    files.copyWithSchema(c, "SELECT * FROM (VALUES " + taskRows + ") AS t(task_index, __index_level_0__)",
        meta.resolve("tasks.parquet"), tasksSchema);
    ObjectNode stats = JSON.createObjectNode();
    for (String key : statistics.keys()) {
      List<FeatureStatistics> all = new ArrayList<>();
      perEpisode.forEach(m -> all.add(m.get(key)));
      stats.set(key, WriteStatistics.node(JSON, FeatureStatistics.aggregate(all), WriteStatistics.isIntegerColumn(key), true));
    }
    JSON.writeValue(meta.resolve("stats.json").toFile(), stats);
  }

  /**
   * meta/episodes as LeRobot's {@code save_episode} builds it: episode_index, tasks, length,
   * data/chunk_index, data/file_index, dataset_from_index, dataset_to_index, then
   * stats/FEATURE/STAT for every feature (min, max, mean, std, count, q01 … q99), then
   * meta/episodes/chunk_index and meta/episodes/file_index; all integers int64.
   */
  private void writeEpisodesV3(Connection c, Path file, List<Map<String, FeatureStatistics>> perEpisode)
      throws SQLException, IOException {
    List<String> columns = new ArrayList<>(List.of("episode_index", "tasks", "length", "data/chunk_index",
        "data/file_index", "dataset_from_index", "dataset_to_index"));
    List<ArrowSchema.ArrowField> fields = new ArrayList<>();
    fields.add(ArrowSchema.ArrowField.scalar("episode_index", ArrowSchema.Scalar.INT64));
    fields.add(ArrowSchema.ArrowField.list("tasks", ArrowSchema.Scalar.UTF8));
    for (String k : columns.subList(2, columns.size())) {
      fields.add(ArrowSchema.ArrowField.scalar(k, ArrowSchema.Scalar.INT64));
    }
    for (String key : statistics.keys()) {
      for (String stat : WriteStatistics.statNames()) {
        String name = "stats/" + key + "/" + stat;
        columns.add(name);
        boolean integer = stat.equals("count")
            || (WriteStatistics.isIntegerColumn(key) && (stat.equals("min") || stat.equals("max")));
        fields.add(ArrowSchema.ArrowField.list(name, integer ? ArrowSchema.Scalar.INT64 : ArrowSchema.Scalar.FLOAT64));
      }
    }
    columns.add("meta/episodes/chunk_index");
    columns.add("meta/episodes/file_index");
    fields.add(ArrowSchema.ArrowField.scalar("meta/episodes/chunk_index", ArrowSchema.Scalar.INT64));
    fields.add(ArrowSchema.ArrowField.scalar("meta/episodes/file_index", ArrowSchema.Scalar.INT64));
    StringBuilder rows = new StringBuilder();
    for (int i = 0; i < plan.ds.size(); i++) {
      rows.append(i == 0 ? "(" : ", (").append(i).append("::BIGINT, [").append(Duck.text(plan.ds.episode(i).task()))
          .append("]::VARCHAR[], ").append(plan.ds.episode(i).length()).append("::BIGINT, ")
          .append(plan.fileIndex[i] / LeRobotLayout.CHUNKS_SIZE).append("::BIGINT, ")
          .append(plan.fileIndex[i] % LeRobotLayout.CHUNKS_SIZE).append("::BIGINT, ")
          .append(plan.from[i]).append("::BIGINT, ").append(plan.from[i + 1]).append("::BIGINT");
      for (String key : statistics.keys()) {
        FeatureStatistics st = perEpisode.get(i).get(key);
        boolean integer = WriteStatistics.isIntegerColumn(key);
        rows.append(", ").append(list(st.min(), integer)).append(", ").append(list(st.max(), integer))
            .append(", ").append(list(st.mean(), false)).append(", ").append(list(st.std(), false))
            .append(", [").append(st.count()).append("]::BIGINT[]");
        for (String q : FeatureStatistics.QUANTILE_KEYS) {
          rows.append(", ").append(list(st.quantiles().get(q), false));
        }
      }
      rows.append(", 0::BIGINT, 0::BIGINT)");
    }
    StringBuilder names = new StringBuilder();
    for (String col : columns) {
      names.append(names.length() == 0 ? "" : ", ").append(Duck.ident(col));
    }
    files.copyWithSchema(c, "SELECT * FROM (VALUES " + rows + ") AS e(" + names + ")", file, new ArrowSchema(fields, Map.of()));
  }

  /** A list literal: BIGINT[] of whole numbers, else DOUBLE[] with every digit kept. */
  private static String list(double[] values, boolean integer) {
    StringBuilder sb = new StringBuilder("[");
    for (int j = 0; j < values.length; j++) {
      sb.append(j == 0 ? "" : ", ");
      if (integer) {
        sb.append((long) values[j]);
      } else {
        String d = Double.toString(values[j]);
        sb.append(d).append(d.contains("E") ? "" : "E0"); // an exponent makes DuckDB parse a DOUBLE, not a DECIMAL
      }
    }
    return sb.append(integer ? "]::BIGINT[]" : "]::DOUBLE[]").toString();
  }

  /** v2.1's episodes.jsonl, episodes_stats.jsonl and tasks.jsonl under {@code dir}. */
  void writeV2(Path dir) throws IOException {
    StringBuilder episodes = new StringBuilder();
    StringBuilder episodeStats = new StringBuilder();
    ObjectMapper line = new ObjectMapper();
    for (int i = 0; i < plan.ds.size(); i++) {
      ObjectNode e = line.createObjectNode();
      e.put("episode_index", i);
      e.putArray("tasks").add(plan.ds.episode(i).task());
      e.put("length", plan.ds.episode(i).length());
      episodes.append(line.writeValueAsString(e)).append('\n');
      ObjectNode s = line.createObjectNode();
      s.put("episode_index", i);
      s.set("stats", statistics.episodeJson(JSON, i));
      episodeStats.append(line.writeValueAsString(s)).append('\n');
    }
    Files.writeString(dir.resolve(LeRobotLayout.EPISODES_JSONL), episodes);
    Files.writeString(dir.resolve(LeRobotLayout.EPISODES_STATS_JSONL), episodeStats);
    StringBuilder taskLines = new StringBuilder();
    for (var t : plan.tasks.entrySet()) {
      ObjectNode n = line.createObjectNode();
      n.put("task_index", t.getValue());
      n.put("task", t.getKey());
      taskLines.append(line.writeValueAsString(n)).append('\n');
    }
    Files.writeString(dir.resolve(LeRobotLayout.TASKS_JSONL), taskLines);
  }

  /** meta/info.json: version, counts, fps, paths and the features with their names. */
  void writeInfo(Path meta) throws IOException {
    ObjectNode info = JSON.createObjectNode();
    info.put("codebase_version", plan.version);
    info.put("robot_type", plan.ds.robotType().isEmpty() ? null : plan.ds.robotType());
    long frames = plan.from[plan.ds.size()];
    info.put("total_episodes", plan.ds.size());
    info.put("total_frames", frames);
    info.put("total_tasks", plan.tasks.size());
    if (plan.version.equals(LeRobotLayout.V21)) {
      info.put("total_videos", 0);
      info.put("total_chunks", (plan.ds.size() - 1) / LeRobotLayout.CHUNKS_SIZE + 1);
    }
    info.put("chunks_size", LeRobotLayout.CHUNKS_SIZE);
    if (plan.isV30()) {
      info.put("data_files_size_in_mb", 100);
      info.put("video_files_size_in_mb", 500);
    }
    double fps = plan.schema.fps();
    if (fps == Math.rint(fps)) {
      info.put("fps", (long) fps);
    } else {
      info.put("fps", fps);
    }
    info.putObject("splits").put("train", "0:" + plan.ds.size());
    info.put("data_path", plan.isV30() ? LeRobotLayout.DATA_PATH_V3 : LeRobotLayout.DATA_PATH_V2);
    info.putNull("video_path");
    ObjectNode fs = info.putObject("features");
    for (Feature f : plan.features) {
      ObjectNode n = fs.putObject(f.key());
      n.put("dtype", "float32");
      n.putArray("shape").add(f.dim());
      if (f.names().isEmpty()) {
        n.putNull("names");
      } else {
        ArrayNode names = n.putArray("names");
        f.names().forEach(names::add);
      }
    }
    scalarFeature(fs, "timestamp", "float32");
    scalarFeature(fs, "frame_index", "int64");
    scalarFeature(fs, "episode_index", "int64");
    scalarFeature(fs, "index", "int64");
    scalarFeature(fs, "task_index", "int64");
    JSON.writeValue(meta.resolve("info.json").toFile(), info);
  }

  private static void scalarFeature(ObjectNode fs, String key, String dtype) {
    ObjectNode n = fs.putObject(key);
    n.put("dtype", dtype);
    n.putArray("shape").add(1);
    n.putNull("names");
  }
}
