package io.diffpilot.demos.lerobot;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.diffpilot.core.Episode;
import io.diffpilot.demos.dataset.DatasetSchema;
import io.diffpilot.demos.dataset.DemoDataset;
import io.diffpilot.demos.dataset.ErrorText;
import io.diffpilot.demos.dataset.Feature;
import io.diffpilot.demos.dataset.FeatureStatistics;
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
   * Parquet compression: SNAPPY is what LeRobot (pyarrow's default) writes; ZSTD makes the
   * repository's Push-T copy a third smaller, and pyarrow, and so LeRobot, read it alike.
   */
  public enum Compression { SNAPPY, ZSTD }

  /**
   * Writes {@code dataset} to {@code out} (which must not exist or be an empty directory), SNAPPY
   * compressed as LeRobot writes it.
   *
   * @param version {@link LeRobotLayout#V30} or {@link LeRobotLayout#V21}
   */
  public static void write(DemoDataset dataset, Path out, String version) {
    write(dataset, out, version, Compression.SNAPPY);
  }

  /** As {@link #write(DemoDataset, Path, String)}, with the given Parquet compression. */
  public static void write(DemoDataset dataset, Path out, String version, Compression compression) {
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
        new Job(dataset, tmp, version, null, compression).run();
        Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        deleteTree(tmp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + out + ": " + ErrorText.of(e), e);
    } catch (SQLException e) {
      throw new UncheckedIOException("cannot write " + out + ": " + ErrorText.of(e), new IOException(e));
    }
  }

  /**
   * Writes the frames of episode {@code episode} (position in {@code ds}) as one v3.0 data file;
   * the recorder appends an episode this way before it commits new metadata.
   */
  static void writeEpisodeDataV3(DemoDataset ds, int episode, Path file) throws IOException, SQLException {
    Job job = new Job(ds, file.getParent(), LeRobotLayout.V30, null, Compression.SNAPPY);
    try (Connection c = Duck.open()) {
      job.loadFrames(c, episode, episode + 1);
      job.writeData(c, List.of(episode), file);
    }
  }

  /**
   * Writes a complete v3.0 {@code meta/} folder (info.json, stats.json, tasks.parquet,
   * episodes/chunk-000/file-000.parquet) into {@code metaDir}, episode i's frames being in
   * data file {@code fileIndex[i]} (chunk = fileIndex / chunks_size).
   */
  static void writeMetaV3(DemoDataset ds, long[] fileIndex, Path metaDir) throws IOException, SQLException {
    Job job = new Job(ds, metaDir.getParent(), LeRobotLayout.V30, fileIndex, Compression.SNAPPY);
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
    private final Compression compression;

    Job(DemoDataset ds, Path dir, String version, long[] fileIndex, Compression compression) {
      this.compression = compression;
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
          List<Integer> all = new ArrayList<>();
          for (int i = 0; i < ds.size(); i++) {
            all.add(i);
          }
          writeData(c, all, dir.resolve(dataFile));
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
     * Writes the frames of {@code episodes} (positions, in order) into {@code file}: each episode
     * is one DuckDB COPY (one row group), and the parts are joined byte for byte into one file
     * with one row group per episode, as LeRobot writes it, with the footer entries pyarrow
     * writes: {@code huggingface} and {@code ARROW:schema}.
     */
    void writeData(Connection c, List<Integer> episodes, Path file) throws SQLException, IOException {
      Files.createDirectories(file.getParent());
      List<Path> parts = new ArrayList<>();
      try {
        for (int i : episodes) {
          Path part = file.resolveSibling(file.getFileName() + ".part-" + i);
          parts.add(part);
          copy(c, selectFrames(" WHERE episode_index = " + i), part, ", ROW_GROUP_SIZE " + Integer.MAX_VALUE);
        }
        String hf = huggingFaceMetadata();
        Map<String, String> kv = new LinkedHashMap<>();
        kv.put("huggingface", hf);
        kv.put(ArrowSchema.FOOTER_KEY, dataArrowSchema(hf).footerValue());
        ParquetFooters.join(parts, file, kv);
      } finally {
        for (Path p : parts) {
          Files.deleteIfExists(p);
        }
      }
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
      return m.writeValueAsString(root);
    }

    /** The Arrow schema of a data file: vectors as fixed_size_list&lt;float&gt;[d], as pyarrow writes them. */
    ArrowSchema dataArrowSchema(String huggingFace) {
      List<ArrowSchema.ArrowField> fields = new ArrayList<>();
      for (Feature f : features) {
        fields.add(ArrowSchema.ArrowField.fixedList(f.key(), ArrowSchema.Scalar.FLOAT32, f.dim()));
      }
      fields.add(ArrowSchema.ArrowField.scalar("timestamp", ArrowSchema.Scalar.FLOAT32));
      for (String k : List.of("frame_index", "episode_index", "index", "task_index")) {
        fields.add(ArrowSchema.ArrowField.scalar(k, ArrowSchema.Scalar.INT64));
      }
      return new ArrowSchema(fields, Map.of("huggingface", huggingFace));
    }

    /** Writes {@code select} to {@code file} with {@code schema} in its footer. */
    void copyWithSchema(Connection c, String select, Path file, ArrowSchema schema) throws SQLException, IOException {
      Path part = file.resolveSibling(file.getFileName() + ".part");
      try {
        copy(c, select, part, "");
        Map<String, String> kv = new LinkedHashMap<>(schema.metadata());
        kv.put(ArrowSchema.FOOTER_KEY, schema.footerValue());
        ParquetFooters.join(List.of(part), file, kv);
      } finally {
        Files.deleteIfExists(part);
      }
    }

    void copy(Connection c, String select, Path file, String options) throws SQLException, IOException {
      Files.createDirectories(file.getParent());
      try (Statement s = c.createStatement()) {
        s.execute("COPY (" + select + ") TO " + Duck.literal(file) + " (FORMAT parquet, COMPRESSION "
            + compression.name().toLowerCase(java.util.Locale.ROOT) + options + ")");
      }
    }

    /** meta/ of v3.0 except info.json, into {@code meta}. */
    void writeMetaV3(Connection c, Path meta) throws SQLException, IOException {
      List<Map<String, FeatureStatistics>> perEpisode = new ArrayList<>();
      for (int i = 0; i < ds.size(); i++) {
        perEpisode.add(episodeStatistics(i));
      }
      writeEpisodesV3(c, meta.resolve(String.format(LeRobotLayout.EPISODES_V3, 0, 0).substring("meta/".length())), perEpisode);
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
      ArrowSchema tasksSchema = new ArrowSchema(List.of(
          ArrowSchema.ArrowField.scalar("task_index", ArrowSchema.Scalar.INT64),
          ArrowSchema.ArrowField.scalar("__index_level_0__", ArrowSchema.Scalar.UTF8)), Map.of("pandas", pandas));
      copyWithSchema(c, "SELECT * FROM (VALUES " + taskRows + ") AS t(task_index, __index_level_0__)",
          meta.resolve("tasks.parquet"), tasksSchema);
      ObjectNode stats = JSON.createObjectNode();
      for (String key : statisticsKeys()) {
        List<FeatureStatistics> all = new ArrayList<>();
        perEpisode.forEach(m -> all.add(m.get(key)));
        stats.set(key, statsNode(FeatureStatistics.aggregate(all), isIntegerColumn(key), true));
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
      for (String key : statisticsKeys()) {
        for (String stat : statNames()) {
          String name = "stats/" + key + "/" + stat;
          columns.add(name);
          boolean integer = stat.equals("count") || (isIntegerColumn(key) && (stat.equals("min") || stat.equals("max")));
          fields.add(ArrowSchema.ArrowField.list(name, integer ? ArrowSchema.Scalar.INT64 : ArrowSchema.Scalar.FLOAT64));
        }
      }
      columns.add("meta/episodes/chunk_index");
      columns.add("meta/episodes/file_index");
      fields.add(ArrowSchema.ArrowField.scalar("meta/episodes/chunk_index", ArrowSchema.Scalar.INT64));
      fields.add(ArrowSchema.ArrowField.scalar("meta/episodes/file_index", ArrowSchema.Scalar.INT64));
      StringBuilder rows = new StringBuilder();
      for (int i = 0; i < ds.size(); i++) {
        rows.append(i == 0 ? "(" : ", (").append(i).append("::BIGINT, [").append(Duck.text(ds.episode(i).task()))
            .append("]::VARCHAR[], ").append(ds.episode(i).length()).append("::BIGINT, ")
            .append(fileIndex[i] / LeRobotLayout.CHUNKS_SIZE).append("::BIGINT, ")
            .append(fileIndex[i] % LeRobotLayout.CHUNKS_SIZE).append("::BIGINT, ")
            .append(from[i]).append("::BIGINT, ").append(from[i + 1]).append("::BIGINT");
        for (String key : statisticsKeys()) {
          FeatureStatistics st = perEpisode.get(i).get(key);
          boolean integer = isIntegerColumn(key);
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
      copyWithSchema(c, "SELECT * FROM (VALUES " + rows + ") AS e(" + names + ")", file, new ArrowSchema(fields, Map.of()));
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

    /** Feature keys then the index columns: the keys of stats.json and of the stats/ columns. */
    private List<String> statisticsKeys() {
      List<String> keys = new ArrayList<>();
      features.forEach(f -> keys.add(f.key()));
      keys.addAll(LeRobotLayout.INDEX_COLUMNS);
      return keys;
    }

    private static List<String> statNames() {
      List<String> names = new ArrayList<>(List.of("min", "max", "mean", "std", "count"));
      names.addAll(FeatureStatistics.QUANTILE_KEYS);
      return names;
    }

    /** frame_index, episode_index, index and task_index are int64; LeRobot keeps their min and max whole. */
    private static boolean isIntegerColumn(String key) {
      return LeRobotLayout.INDEX_COLUMNS.contains(key) && !key.equals("timestamp");
    }

    /** Statistics of episode {@code i} (position) for every key of {@link #statisticsKeys()}. */
    private Map<String, FeatureStatistics> episodeStatistics(int i) {
      Episode e = ds.episode(i);
      int n = e.length();
      Map<String, FeatureStatistics> out = new LinkedHashMap<>();
      List<float[][]> cols = columns(e);
      for (int k = 0; k < features.size(); k++) {
        out.put(features.get(k).key(), FeatureStatistics.ofFloat32(cols.get(k)));
      }
      double[] timestamps = new double[n];
      long[][] ints = new long[4][n];
      for (int t = 0; t < n; t++) {
        // LeRobot's buffer holds frame_index / fps in float64 (stored as float32 afterwards): its
        // statistics are of those values, which a float32 timestamp of the same value stands for.
        double stored = e.timestampsSeconds()[t];
        double nominal = t / schema.fps();
        timestamps[t] = (float) stored == (float) nominal ? nominal : stored;
        ints[0][t] = t;
        ints[1][t] = i;
        ints[2][t] = from[i] + t;
        ints[3][t] = taskOf[i];
      }
      out.put("timestamp", FeatureStatistics.ofFloat64(timestamps));
      out.put("frame_index", FeatureStatistics.ofInt64(ints[0]));
      out.put("episode_index", FeatureStatistics.ofInt64(ints[1]));
      out.put("index", FeatureStatistics.ofInt64(ints[2]));
      out.put("task_index", FeatureStatistics.ofInt64(ints[3]));
      return out;
    }

    private void writeV2(Connection c) throws SQLException, IOException {
      StringBuilder episodes = new StringBuilder();
      StringBuilder episodeStats = new StringBuilder();
      ObjectMapper line = new ObjectMapper();
      for (int i = 0; i < ds.size(); i++) {
        String file = LeRobotLayout.format(LeRobotLayout.DATA_PATH_V2,
            Map.of("episode_chunk", i / LeRobotLayout.CHUNKS_SIZE, "episode_index", i));
        writeData(c, List.of(i), dir.resolve(file));
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

    /** One episode's stats as v2.1's episodes_stats.jsonl holds them (min, max, mean, std, count). */
    private ObjectNode stats(int first, int end) {
      if (end != first + 1) {
        throw new IllegalArgumentException("v2.1 statistics are per episode");
      }
      Map<String, FeatureStatistics> st = episodeStatistics(first);
      ObjectNode root = JSON.createObjectNode();
      st.forEach((key, s) -> root.set(key, statsNode(s, isIntegerColumn(key), false)));
      return root;
    }

    private ObjectNode statsNode(FeatureStatistics s, boolean integer, boolean quantiles) {
      ObjectNode n = JSON.createObjectNode();
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
