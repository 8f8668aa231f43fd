package io.diffpilot.demos.lerobot;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.diffpilot.core.Episode;
import io.diffpilot.demos.dataset.DatasetSchema;
import io.diffpilot.demos.dataset.DemoDataset;
import io.diffpilot.demos.dataset.Feature;
import io.diffpilot.demos.dataset.FeatureStats;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Writes a {@link DemoDataset} in LeRobot's layout, v3.0 (all episodes in one data file) or
 * v2.1 (one file per episode). Everything is written into a sibling temporary directory that is
 * renamed onto {@code out} at the end, so {@code out} is either absent or complete.
 *
 * <p>Episodes are renumbered 0..N−1 in dataset order (LeRobot needs contiguous indices); tasks
 * get indices in order of first appearance. Vectors are stored as float32 lists, timestamps as
 * float32, as LeRobot stores them.
 */
public final class LeRobotWriter {

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private LeRobotWriter() {}

  /** Writes LeRobot v3.0. */
  public static void writeV30(DemoDataset dataset, Path out) {
    write(dataset, out, LeRobotLayout.V30);
  }

  /** Writes LeRobot v2.1. */
  public static void writeV21(DemoDataset dataset, Path out) {
    write(dataset, out, LeRobotLayout.V21);
  }

  /**
   * Writes {@code dataset} to {@code out} (which must not exist or be an empty directory).
   *
   * @param version {@link LeRobotLayout#V30} or {@link LeRobotLayout#V21}
   */
  public static void write(DemoDataset dataset, Path out, String version) {
    if (!version.equals(LeRobotLayout.V30) && !version.equals(LeRobotLayout.V21)) {
      throw new IllegalArgumentException("can write v3.0 or v2.1, not " + version);
    }
    if (dataset.size() == 0) {
      throw new IllegalArgumentException("dataset " + dataset.describe() + " has no episodes");
    }
    try {
      if (Files.exists(out)) {
        try (Stream<Path> s = Files.list(out)) {
          if (s.findAny().isPresent()) {
            throw new IllegalArgumentException(out + " exists and is not empty");
          }
        }
        Files.delete(out);
      }
      Path parent = out.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Path tmp = Files.createTempDirectory(parent, "." + out.getFileName() + ".tmp-");
      try {
        new Job(dataset, tmp, version, null).run();
        Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        deleteTree(tmp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
    } catch (SQLException e) {
      throw new IllegalStateException("DuckDB failed writing " + out + ": " + e.getMessage(), e);
    }
  }

  /**
   * Writes the frames of episode {@code episode} (position in {@code ds}) as one v3.0 data file;
   * the recorder appends an episode this way before it commits new metadata.
   */
  static void writeEpisodeDataV3(DemoDataset ds, int episode, Path file) throws IOException, SQLException {
    Job job = new Job(ds, file.getParent(), LeRobotLayout.V30, null);
    try (Connection c = Duck.open()) {
      job.loadFrames(c, episode, episode + 1);
      job.copy(c, job.selectFrames(""), file, job.huggingFaceMetadata());
    }
  }

  /**
   * Writes a complete v3.0 {@code meta/} folder (info.json, stats.json, tasks.parquet,
   * episodes/chunk-000/file-000.parquet) into {@code metaDir}, episode i's frames being in
   * data file {@code fileIndex[i]} (chunk = fileIndex / chunks_size).
   */
  static void writeMetaV3(DemoDataset ds, long[] fileIndex, Path metaDir) throws IOException, SQLException {
    Job job = new Job(ds, metaDir.getParent(), LeRobotLayout.V30, fileIndex);
    try (Connection c = Duck.open()) {
      job.writeMetaV3(c, metaDir);
    }
    job.writeInfo(metaDir);
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** One write. */
  private static final class Job {
    private final DemoDataset ds;
    private final Path dir;
    private final String version;
    private final DatasetSchema schema;
    private final List<Feature> features;
    private final Map<String, Integer> tasks = new LinkedHashMap<>();
    private final int[] taskOf;
    private final long[] from;
    private final long[] fileIndex;

    Job(DemoDataset ds, Path dir, String version, long[] fileIndex) {
      this.ds = ds;
      this.dir = dir;
      this.version = version;
      this.schema = ds.schema();
      this.features = schema.features();
      this.taskOf = new int[ds.size()];
      this.from = new long[ds.size() + 1];
      this.fileIndex = fileIndex == null ? new long[ds.size()] : fileIndex.clone();
      if (this.fileIndex.length != ds.size()) {
        throw new IllegalArgumentException(this.fileIndex.length + " file indices for " + ds.size() + " episodes");
      }
      for (int i = 0; i < ds.size(); i++) {
        Episode e = ds.episode(i);
        schema.check(e, ds.describe());
        taskOf[i] = tasks.computeIfAbsent(e.task(), k -> tasks.size());
        from[i + 1] = from[i] + e.length();
      }
    }

    void run() throws IOException, SQLException {
      Files.createDirectories(dir.resolve("meta"));
      try (Connection c = Duck.open()) {
        loadFrames(c, 0, ds.size());
        if (version.equals(LeRobotLayout.V30)) {
          String dataFile = LeRobotLayout.format(LeRobotLayout.DATA_PATH_V3, Map.of("chunk_index", 0, "file_index", 0));
          copy(c, selectFrames(""), dir.resolve(dataFile), huggingFaceMetadata());
          writeMetaV3(c, dir.resolve("meta"));
        } else {
          writeV2(c);
        }
      }
      writeInfo(dir.resolve("meta"));
    }

    /** A table "frames" with one scalar column per vector component. */
    void loadFrames(Connection c, int first, int end) throws SQLException {
      StringBuilder ddl = new StringBuilder(
          "CREATE TABLE frames (episode_index BIGINT, frame_index BIGINT, \"index\" BIGINT, task_index BIGINT, timestamp FLOAT");
      for (int k = 0; k < features.size(); k++) {
        for (int j = 0; j < features.get(k).dim(); j++) {
          ddl.append(", f").append(k).append('_').append(j).append(" FLOAT");
        }
      }
      try (Statement s = c.createStatement()) {
        s.execute(ddl.append(')').toString());
      }
      try (DuckDBAppender a = c.unwrap(DuckDBConnection.class).createAppender(DuckDBConnection.DEFAULT_SCHEMA, "frames")) {
        for (int i = first; i < end; i++) {
          Episode e = ds.episode(i);
          List<float[][]> cols = columns(e);
          for (int t = 0; t < e.length(); t++) {
            a.beginRow();
            a.append((long) i);
            a.append((long) t);
            a.append(from[i] + t);
            a.append((long) taskOf[i]);
            a.append((float) e.timestampsSeconds()[t]);
            for (float[][] col : cols) {
              for (float v : col[t]) {
                a.append(v);
              }
            }
            a.endRow();
          }
        }
      }
    }

    private List<float[][]> columns(Episode e) {
      List<float[][]> cols = new ArrayList<>();
      for (Feature f : features) {
        cols.add(f.isObservation() ? e.observation(f.observationName()) : e.actions());
      }
      return cols;
    }

    String selectFrames(String where) {
      StringBuilder sql = new StringBuilder("SELECT ");
      for (int k = 0; k < features.size(); k++) {
        sql.append('[');
        for (int j = 0; j < features.get(k).dim(); j++) {
          sql.append(j == 0 ? "" : ", ").append('f').append(k).append('_').append(j);
        }
        sql.append("]::FLOAT[] AS ").append(Duck.ident(features.get(k).key())).append(", ");
      }
      sql.append("timestamp, frame_index, episode_index, \"index\", task_index FROM frames");
      sql.append(where).append(" ORDER BY \"index\"");
      return sql.toString();
    }

    /**
     * The Hugging Face {@code datasets} schema LeRobot's own data files carry (key "huggingface"),
     * so that {@code datasets} restores fixed-length float32 lists: "List" (datasets 4, v3.0) or
     * "Sequence" (datasets 3, v2.1).
     */
    String huggingFaceMetadata() throws IOException {
      ObjectMapper m = new ObjectMapper();
      ObjectNode features = m.createObjectNode();
      String listType = version.equals(LeRobotLayout.V30) ? "List" : "Sequence";
      for (Feature f : this.features) {
        ObjectNode n = features.putObject(f.key());
        n.putObject("feature").put("dtype", "float32").put("_type", "Value");
        n.put("length", f.dim());
        n.put("_type", listType);
      }
      features.putObject("timestamp").put("dtype", "float32").put("_type", "Value");
      for (String k : List.of("frame_index", "episode_index", "index", "task_index")) {
        features.putObject(k).put("dtype", "int64").put("_type", "Value");
      }
      ObjectNode root = m.createObjectNode();
      root.putObject("info").set("features", features);
      return ", KV_METADATA {huggingface: " + Duck.text(m.writeValueAsString(root)) + "}";
    }

    void copy(Connection c, String select, Path file, String options) throws SQLException, IOException {
      Files.createDirectories(file.getParent());
      try (Statement s = c.createStatement()) {
        s.execute("COPY (" + select + ") TO " + Duck.literal(file) + " (FORMAT parquet" + options + ")");
      }
    }

    /** meta/ of v3.0 except info.json, into {@code meta}. */
    void writeMetaV3(Connection c, Path meta) throws SQLException, IOException {
      StringBuilder rows = new StringBuilder();
      for (int i = 0; i < ds.size(); i++) {
        rows.append(i == 0 ? "" : ", ").append('(').append(i).append(", [")
            .append(Duck.text(ds.episode(i).task())).append("]::VARCHAR[], ").append(ds.episode(i).length())
            .append(", ").append(fileIndex[i] / LeRobotLayout.CHUNKS_SIZE).append(", ").append(fileIndex[i] % LeRobotLayout.CHUNKS_SIZE)
            .append(", ").append(from[i]).append(", ").append(from[i + 1]).append(", 0, 0)");
      }
      String episodes = "SELECT * FROM (VALUES " + rows + ") AS e(episode_index, tasks, length, \"data/chunk_index\","
          + " \"data/file_index\", dataset_from_index, dataset_to_index, \"meta/episodes/chunk_index\","
          + " \"meta/episodes/file_index\")";
      copy(c, episodes, meta.resolve(String.format(LeRobotLayout.EPISODES_V3, 0, 0).substring("meta/".length())), "");
      StringBuilder taskRows = new StringBuilder();
      for (var t : tasks.entrySet()) {
        taskRows.append(taskRows.length() == 0 ? "" : ", ").append("(").append(t.getValue()).append("::BIGINT, ")
            .append(Duck.text(t.getKey())).append(')');
      }
      // pandas metadata makes LeRobot's pd.read_parquet index the tasks by their text, as LeRobot writes it.
      String pandas = "{\"index_columns\": [\"__index_level_0__\"], \"column_indexes\": [{\"name\": null,"
          + " \"field_name\": null, \"pandas_type\": \"unicode\", \"numpy_type\": \"object\", \"metadata\":"
          + " {\"encoding\": \"UTF-8\"}}], \"columns\": [{\"name\": \"task_index\", \"field_name\": \"task_index\","
          + " \"pandas_type\": \"int64\", \"numpy_type\": \"int64\", \"metadata\": null}, {\"name\": null,"
          + " \"field_name\": \"__index_level_0__\", \"pandas_type\": \"unicode\", \"numpy_type\": \"object\","
          + " \"metadata\": null}], \"attributes\": {}, \"creator\": {\"library\": \"diffpilot\", \"version\":"
          + " \"0.1.0\"}, \"pandas_version\": \"2.2.3\"}";
      copy(c, "SELECT * FROM (VALUES " + taskRows + ") AS t(task_index, __index_level_0__)",
          meta.resolve("tasks.parquet"), ", KV_METADATA {pandas: " + Duck.text(pandas) + "}");
      JSON.writeValue(meta.resolve("stats.json").toFile(), stats(0, ds.size()));
    }

    private void writeV2(Connection c) throws SQLException, IOException {
      StringBuilder episodes = new StringBuilder();
      StringBuilder episodeStats = new StringBuilder();
      ObjectMapper line = new ObjectMapper();
      for (int i = 0; i < ds.size(); i++) {
        String file = LeRobotLayout.format(LeRobotLayout.DATA_PATH_V2,
            Map.of("episode_chunk", i / LeRobotLayout.CHUNKS_SIZE, "episode_index", i));
        copy(c, selectFrames(" WHERE episode_index = " + i), dir.resolve(file), huggingFaceMetadata());
        ObjectNode e = line.createObjectNode();
        e.put("episode_index", i);
        e.putArray("tasks").add(ds.episode(i).task());
        e.put("length", ds.episode(i).length());
        episodes.append(line.writeValueAsString(e)).append('\n');
        ObjectNode s = line.createObjectNode();
        s.put("episode_index", i);
        s.set("stats", stats(i, i + 1));
        episodeStats.append(line.writeValueAsString(s)).append('\n');
      }
      Files.writeString(dir.resolve(LeRobotLayout.EPISODES_JSONL), episodes);
      Files.writeString(dir.resolve(LeRobotLayout.EPISODES_STATS_JSONL), episodeStats);
      StringBuilder taskLines = new StringBuilder();
      for (var t : tasks.entrySet()) {
        ObjectNode n = line.createObjectNode();
        n.put("task_index", t.getValue());
        n.put("task", t.getKey());
        taskLines.append(line.writeValueAsString(n)).append('\n');
      }
      Files.writeString(dir.resolve(LeRobotLayout.TASKS_JSONL), taskLines);
    }

    /** stats.json content over episodes [first, end). */
    private ObjectNode stats(int first, int end) {
      List<FeatureStats> vec = new ArrayList<>();
      features.forEach(f -> vec.add(new FeatureStats(f.dim())));
      FeatureStats[] scalars = new FeatureStats[LeRobotLayout.INDEX_COLUMNS.size()];
      for (int k = 0; k < scalars.length; k++) {
        scalars[k] = new FeatureStats(1);
      }
      for (int i = first; i < end; i++) {
        Episode e = ds.episode(i);
        List<float[][]> cols = columns(e);
        for (int t = 0; t < e.length(); t++) {
          for (int k = 0; k < cols.size(); k++) {
            vec.get(k).add(cols.get(k)[t]);
          }
          scalars[0].add((float) e.timestampsSeconds()[t]);
          scalars[1].add(t);
          scalars[2].add(i);
          scalars[3].add(from[i] + t);
          scalars[4].add(taskOf[i]);
        }
      }
      ObjectNode root = JSON.createObjectNode();
      for (int k = 0; k < features.size(); k++) {
        root.set(features.get(k).key(), statsNode(vec.get(k)));
      }
      for (int k = 0; k < scalars.length; k++) {
        root.set(LeRobotLayout.INDEX_COLUMNS.get(k), statsNode(scalars[k]));
      }
      return root;
    }

    private ObjectNode statsNode(FeatureStats s) {
      ObjectNode n = JSON.createObjectNode();
      putArray(n.putArray("min"), s.min());
      putArray(n.putArray("max"), s.max());
      putArray(n.putArray("mean"), s.mean());
      putArray(n.putArray("std"), s.std());
      n.putArray("count").add(s.count());
      return n;
    }

    private static void putArray(ArrayNode a, double[] values) {
      for (double v : values) {
        a.add(v);
      }
    }

    void writeInfo(Path meta) throws IOException {
      ObjectNode info = JSON.createObjectNode();
      info.put("codebase_version", version);
      info.put("robot_type", ds.robotType().isEmpty() ? null : ds.robotType());
      long frames = from[ds.size()];
      info.put("total_episodes", ds.size());
      info.put("total_frames", frames);
      info.put("total_tasks", tasks.size());
      if (version.equals(LeRobotLayout.V21)) {
        info.put("total_videos", 0);
        info.put("total_chunks", (ds.size() - 1) / LeRobotLayout.CHUNKS_SIZE + 1);
      }
      info.put("chunks_size", LeRobotLayout.CHUNKS_SIZE);
      if (version.equals(LeRobotLayout.V30)) {
        info.put("data_files_size_in_mb", 100);
        info.put("video_files_size_in_mb", 500);
      }
      double fps = schema.fps();
      if (fps == Math.rint(fps)) {
        info.put("fps", (long) fps);
      } else {
        info.put("fps", fps);
      }
      info.putObject("splits").put("train", "0:" + ds.size());
      info.put("data_path", version.equals(LeRobotLayout.V30) ? LeRobotLayout.DATA_PATH_V3 : LeRobotLayout.DATA_PATH_V2);
      info.putNull("video_path");
      ObjectNode fs = info.putObject("features");
      for (Feature f : features) {
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
}
