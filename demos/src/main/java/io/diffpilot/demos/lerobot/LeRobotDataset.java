package io.diffpilot.demos.lerobot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.diffpilot.core.Episode;
import io.diffpilot.demos.dataset.DatasetFormatException;
import io.diffpilot.demos.dataset.DatasetSchema;
import io.diffpilot.demos.dataset.DemoDataset;
import io.diffpilot.demos.dataset.ErrorText;
import io.diffpilot.demos.dataset.Feature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A dataset in LeRobot's layout (codebase_version v3.0, v2.1 or v2.0), read whole on
 * {@link #open} and validated: a file that is truncated, a vector of the wrong width, a frame
 * out of order or a timestamp that does not increase is a {@link DatasetFormatException} naming
 * the file, episode, frame and column, and nothing is returned.
 *
 * <p>Feature mapping: {@code action} (float32/float64 [A]) → {@link Episode#actions()};
 * {@code observation.NAME} (float32/float64 [d]) → observation {@code NAME} ([T][d]);
 * {@code timestamp} → {@link Episode#timestampsSeconds()}; {@code task_index} → the task string of
 * the episode's first frame. Video and image features, and any other feature, are not imported:
 * each is listed in {@link #notes()} with the reason.
 */
public final class LeRobotDataset implements DemoDataset {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path root;
  private final String version;
  private final String robotType;
  private final DatasetSchema schema;
  private final List<Episode> episodes;
  private final List<String> notes;

  private LeRobotDataset(Path root, String version, String robotType, DatasetSchema schema,
      List<Episode> episodes, List<String> notes) {
    this.root = root;
    this.version = version;
    this.robotType = robotType;
    this.schema = schema;
    this.episodes = List.copyOf(episodes);
    this.notes = List.copyOf(notes);
  }

  /**
   * Reads the whole dataset under {@code root}.
   *
   * @throws DatasetFormatException naming the file and place of the first problem found
   */
  public static LeRobotDataset open(Path root) {
    return open(root, true);
  }

  /**
   * As {@link #open(Path)}; with {@code checkFps} false the declared fps is not checked against
   * the timestamps. Only for appending to a live recording, whose frames carry their arrival
   * times: a robot that published at another rate than declared must not stop the recorder from
   * saving its next episode ({@code validate} and {@code import} still report the mismatch).
   */
  public static LeRobotDataset open(Path root, boolean checkFps) {
    Path infoFile = root.resolve(LeRobotLayout.INFO);
    JsonNode info = readJson(infoFile);
    String version = info.path("codebase_version").asText("");
    if (!List.of(LeRobotLayout.V30, LeRobotLayout.V21, LeRobotLayout.V20).contains(version)) {
      throw new DatasetFormatException(infoFile.toString(), "codebase_version",
          "'" + version + "' is not supported (reads v3.0, v2.1, v2.0)");
    }
    double fps = info.path("fps").asDouble(Double.NaN);
    if (!(fps > 0)) {
      throw new DatasetFormatException(infoFile.toString(), "fps", "missing or not positive");
    }
    List<String> notes = new ArrayList<>();
    Map<String, Feature> observations = new LinkedHashMap<>();
    Feature action = null;
    JsonNode features = info.path("features");
    if (!features.isObject()) {
      throw new DatasetFormatException(infoFile.toString(), "features", "missing");
    }
    for (var it = features.fields(); it.hasNext(); ) {
      var entry = it.next();
      String key = entry.getKey();
      JsonNode f = entry.getValue();
      String dtype = f.path("dtype").asText("");
      if (LeRobotLayout.INDEX_COLUMNS.contains(key)) {
        continue;
      }
      if (dtype.equals("video") || dtype.equals("image")) {
        boolean present = Files.isDirectory(root.resolve("videos").resolve(key))
            || Files.isDirectory(root.resolve("images").resolve(key));
        notes.add(dtype + " feature '" + key + "' not imported: DiffPilot reads low-dimensional features only"
            + (present ? "" : " (its files are absent from this copy)"));
        continue;
      }
      boolean vector = (dtype.equals("float32") || dtype.equals("float64"))
          && f.path("shape").isArray() && f.path("shape").size() == 1;
      boolean wanted = key.equals(Feature.ACTION)
          || (key.startsWith(Feature.OBSERVATION_PREFIX) && key.length() > Feature.OBSERVATION_PREFIX.length());
      if (!wanted) {
        notes.add("feature '" + key + "' (" + dtype + ") not imported: only 'action' and 'observation.*' are");
        continue;
      }
      if (!vector) {
        if (key.equals(Feature.ACTION)) {
          throw new DatasetFormatException(infoFile.toString(), "features.action",
              "dtype " + dtype + " shape " + f.path("shape") + ": a float32/float64 vector is required");
        }
        notes.add("feature '" + key + "' (" + dtype + ", shape " + f.path("shape")
            + ") not imported: only 1-D float vectors are");
        continue;
      }
      int dim = f.path("shape").get(0).asInt();
      List<String> names = names(f.path("names"), dim);
      Feature feature = new Feature(key, dim, names);
      if (feature.isObservation()) {
        observations.put(feature.observationName(), feature);
      } else {
        action = feature;
      }
    }
    if (action == null) {
      throw new DatasetFormatException(infoFile.toString(), "features", "no 'action' feature");
    }
    DatasetSchema schema;
    try {
      schema = new DatasetSchema(fps, observations, action);
    } catch (IllegalArgumentException e) {
      throw new DatasetFormatException(infoFile.toString(), "features", e.getMessage(), e);
    }
    String robotType = info.path("robot_type").isTextual() ? info.path("robot_type").asText() : "";
    try (Connection c = Duck.open()) {
      DataReader reader = new DataReader(root, schema, c);
      List<Episode> episodes = version.equals(LeRobotLayout.V30)
          ? reader.readV3(info, infoFile)
          : reader.readV2(info, infoFile);
      long totalFrames = info.path("total_frames").asLong(-1);
      long frames = episodes.stream().mapToLong(Episode::length).sum();
      if (totalFrames >= 0 && totalFrames != frames) {
        throw new DatasetFormatException(infoFile.toString(), "total_frames",
            totalFrames + " declared, " + frames + " frames found");
      }
      if (checkFps) {
        checkFps(fps, episodes, infoFile);
      }
      return new LeRobotDataset(root, version, robotType, schema, episodes, notes);
    } catch (SQLException e) {
      throw new DatasetFormatException(root.toString(), "", "DuckDB failed: " + ErrorText.of(e), e);
    }
  }

  /** Relative difference between the declared fps and the timestamps' rate that is accepted. */
  static final double FPS_TOLERANCE = 0.01;

  /**
   * The declared fps must be the rate of the timestamps: in every episode the median interval
   * between frames must be 1/fps within 1 % (the median, so that a recording's jitter or one
   * dropped frame does not count; LeRobot's loader itself wants every interval within 0.1 ms).
   */
  static void checkFps(double fps, List<Episode> episodes, Path infoFile) {
    for (Episode e : episodes) {
      double[] t = e.timestampsSeconds();
      if (t.length < 2) {
        continue;
      }
      double[] d = new double[t.length - 1];
      for (int i = 1; i < t.length; i++) {
        d[i - 1] = t[i] - t[i - 1];
      }
      java.util.Arrays.sort(d);
      double median = d[d.length / 2];
      double measured = 1.0 / median;
      if (Math.abs(measured * (1.0 / fps) - 1.0) > FPS_TOLERANCE) {
        throw new DatasetFormatException(infoFile.toString(), "fps",
            String.format(java.util.Locale.ROOT, "%s declared, but the timestamps of episode %d run at %s Hz"
                + " (median interval %.4g s)", fpsText(fps), e.index(), rateText(measured), median));
      }
    }
  }

  /** A measured rate: whole when it is within 0.1 % of a whole number (30, not 30.00). */
  private static String rateText(double hz) {
    return Math.abs(hz - Math.rint(hz)) < 1e-3 * hz ? Long.toString((long) Math.rint(hz))
        : String.format(java.util.Locale.ROOT, "%.4g", hz);
  }

  private static String fpsText(double fps) {
    return fps == Math.rint(fps) ? Long.toString((long) fps) : Double.toString(fps);
  }

  static JsonNode readJson(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new DatasetFormatException(file.toString(), "", "missing: not a LeRobot dataset directory?");
    }
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new DatasetFormatException(file.toString(), "", ErrorText.of(e), e);
    }
  }

  private static List<String> names(JsonNode node, int dim) {
    List<String> out = new ArrayList<>();
    JsonNode list = node;
    if (node.isObject() && node.size() == 1) {
      list = node.elements().next(); // v2.0 style {"motors": [...]}
    }
    if (list.isArray()) {
      list.forEach(n -> out.add(n.asText()));
    }
    return out.size() == dim ? out : List.of();
  }

  /** Reads data files and turns their rows into validated episodes. */
  private static final class DataReader {
    private final Path root;
    private final DatasetSchema schema;
    private final Connection c;
    private final List<Feature> features;

    DataReader(Path root, DatasetSchema schema, Connection c) {
      this.root = root;
      this.schema = schema;
      this.c = c;
      this.features = schema.features();
    }

    /** Episode metadata of one episode: where its frames are. */
    record EpisodeMeta(int index, int length, String task, long chunk, long file, long from) {}

    List<Episode> readV3(JsonNode info, Path infoFile) throws SQLException {
      Map<Long, String> tasks = tasksV3();
      Path episodesDir = root.resolve("meta/episodes");
      List<Path> metaFiles = parquetFiles(episodesDir);
      if (metaFiles.isEmpty()) {
        throw new DatasetFormatException(episodesDir.toString(), "", "no episode metadata files");
      }
      List<EpisodeMeta> metas = new ArrayList<>();
      for (Path f : metaFiles) {
        String sql = "SELECT episode_index, length, \"data/chunk_index\", \"data/file_index\", dataset_from_index, tasks"
            + " FROM read_parquet(" + Duck.literal(f) + ") ORDER BY episode_index";
        try (Statement s = c.createStatement(); ResultSet r = query(s, sql, f)) {
          while (r.next()) {
            int ep = r.getInt(1);
            Array taskList = r.getArray(6);
            Object[] t = taskList == null ? new Object[0] : (Object[]) taskList.getArray();
            metas.add(new EpisodeMeta(ep, r.getInt(2), t.length > 0 ? String.valueOf(t[0]) : "",
                r.getLong(3), r.getLong(4), r.getLong(5)));
          }
        }
      }
      String template = info.path("data_path").asText(LeRobotLayout.DATA_PATH_V3);
      Map<Path, List<EpisodeMeta>> byFile = new LinkedHashMap<>();
      for (EpisodeMeta m : metas) {
        Path p = root.resolve(LeRobotLayout.format(template, Map.of("chunk_index", m.chunk(), "file_index", m.file())));
        byFile.computeIfAbsent(p, k -> new ArrayList<>()).add(m);
      }
      Map<Integer, Episode> out = new TreeMap<>();
      for (var e : byFile.entrySet()) {
        for (Episode ep : readFile(e.getKey(), e.getValue(), tasks)) {
          out.put(ep.index(), ep);
        }
      }
      return new ArrayList<>(out.values());
    }

    List<Episode> readV2(JsonNode info, Path infoFile) throws SQLException {
      Map<Long, String> tasks = new TreeMap<>();
      Path tasksFile = root.resolve(LeRobotLayout.TASKS_JSONL);
      for (JsonNode t : jsonLines(tasksFile)) {
        tasks.put(t.path("task_index").asLong(), t.path("task").asText());
      }
      Path episodesFile = root.resolve(LeRobotLayout.EPISODES_JSONL);
      List<EpisodeMeta> metas = new ArrayList<>();
      int line = 0;
      for (JsonNode e : jsonLines(episodesFile)) {
        line++;
        if (!e.path("episode_index").canConvertToInt() || !e.path("length").canConvertToInt()) {
          throw new DatasetFormatException(episodesFile.toString(), "line " + line, "needs episode_index and length");
        }
        JsonNode t = e.path("tasks");
        metas.add(new EpisodeMeta(e.path("episode_index").asInt(), e.path("length").asInt(),
            t.isArray() && t.size() > 0 ? t.get(0).asText() : "", 0, 0, -1));
      }
      long chunksSize = info.path("chunks_size").asLong(LeRobotLayout.CHUNKS_SIZE);
      String template = info.path("data_path").asText(LeRobotLayout.DATA_PATH_V2);
      List<Episode> out = new ArrayList<>();
      for (EpisodeMeta m : metas) {
        Path p = root.resolve(LeRobotLayout.format(template,
            Map.of("episode_chunk", m.index() / chunksSize, "episode_index", (long) m.index())));
        out.addAll(readFile(p, List.of(m), tasks));
      }
      return out;
    }

    private Map<Long, String> tasksV3() throws SQLException {
      Path f = root.resolve(LeRobotLayout.TASKS_PARQUET);
      Map<Long, String> tasks = new TreeMap<>();
      if (!Files.isRegularFile(f)) {
        return tasks;
      }
      try (Statement s = c.createStatement(); ResultSet r = query(s, "SELECT * FROM read_parquet(" + Duck.literal(f) + ")", f)) {
        int indexCol = -1;
        int textCol = -1;
        var md = r.getMetaData();
        for (int i = 1; i <= md.getColumnCount(); i++) {
          if (md.getColumnName(i).equals("task_index")) {
            indexCol = i;
          } else if (md.getColumnTypeName(i).equals("VARCHAR")) {
            textCol = i;
          }
        }
        if (indexCol < 0 || textCol < 0) {
          throw new DatasetFormatException(f.toString(), "", "needs a task_index column and a task text column");
        }
        while (r.next()) {
          tasks.put(r.getLong(indexCol), r.getString(textCol));
        }
      }
      return tasks;
    }

    /** Reads the frames of {@code metas}' episodes from one data file. */
    private List<Episode> readFile(Path file, List<EpisodeMeta> metas, Map<Long, String> tasks) throws SQLException {
      if (!Files.isRegularFile(file)) {
        throw new DatasetFormatException(file.toString(), "episode " + metas.get(0).index(), "data file missing");
      }
      Map<Integer, Frames> byEpisode = new LinkedHashMap<>();
      for (EpisodeMeta m : metas) {
        byEpisode.put(m.index(), new Frames(m, features.size()));
      }
      StringBuilder sql = new StringBuilder("SELECT episode_index, frame_index, timestamp, task_index, \"index\"");
      for (Feature f : features) {
        sql.append(", ").append(Duck.ident(f.key()));
      }
      sql.append(" FROM read_parquet(").append(Duck.literal(file)).append(") ORDER BY episode_index, frame_index");
      try (Statement s = c.createStatement(); ResultSet r = query(s, sql.toString(), file)) {
        while (r.next()) {
          int ep = r.getInt(1);
          Frames frames = byEpisode.get(ep);
          if (frames == null) {
            throw new DatasetFormatException(file.toString(), "episode " + ep,
                "frames of an episode the metadata does not place in this file");
          }
          long frame = r.getLong(2);
          String place = "episode " + ep + ", frame " + frame;
          if (frame != frames.timestamps.size()) {
            throw new DatasetFormatException(file.toString(), place + ", column frame_index",
                "frame " + frames.timestamps.size() + " expected (frames must run 0, 1, 2, ... without gaps or repeats)");
          }
          double t = r.getDouble(3);
          if (r.wasNull() || !Double.isFinite(t)) {
            throw new DatasetFormatException(file.toString(), place + ", column timestamp", "missing or not finite");
          }
          if (!frames.timestamps.isEmpty() && !(t > frames.timestamps.get(frames.timestamps.size() - 1))) {
            throw new DatasetFormatException(file.toString(), place + ", column timestamp",
                "not increasing (" + frames.timestamps.get(frames.timestamps.size() - 1) + " then " + t + ")");
          }
          long global = r.getLong(5);
          if (frames.meta.from() >= 0 && global != frames.meta.from() + frame) {
            throw new DatasetFormatException(file.toString(), place + ", column index", "global index " + global
                + ", the episode metadata's dataset_from_index " + frames.meta.from() + " implies "
                + (frames.meta.from() + frame));
          }
          frames.timestamps.add(t);
          if (frames.taskIndex < 0) {
            frames.taskIndex = r.getLong(4);
          }
          for (int k = 0; k < features.size(); k++) {
            frames.columns.get(k).add(vector(r, 6 + k, features.get(k), file, place));
          }
        }
      } catch (SQLException e) {
        throw new DatasetFormatException(file.toString(), "", "cannot be read as Parquet: " + ErrorText.of(e), e);
      }
      List<Episode> out = new ArrayList<>();
      for (Frames f : byEpisode.values()) {
        out.add(f.toEpisode(file, tasks));
      }
      return out;
    }

    private float[] vector(ResultSet r, int col, Feature f, Path file, String place) throws SQLException {
      Array a = r.getArray(col);
      if (a == null) {
        throw new DatasetFormatException(file.toString(), place + ", column " + f.key(), "missing value");
      }
      Object[] values = (Object[]) a.getArray();
      if (values.length != f.dim()) {
        throw new DatasetFormatException(file.toString(), place + ", column " + f.key(),
            "width " + values.length + ", info.json declares " + f.dim());
      }
      float[] v = new float[values.length];
      for (int j = 0; j < v.length; j++) {
        if (values[j] == null) {
          throw new DatasetFormatException(file.toString(), place + ", column " + f.key() + "[" + j + "]", "null");
        }
        v[j] = ((Number) values[j]).floatValue();
        if (!Float.isFinite(v[j])) {
          throw new DatasetFormatException(file.toString(), place + ", column " + f.key() + "[" + j + "]", "not finite");
        }
      }
      return v;
    }

    private ResultSet query(Statement s, String sql, Path file) {
      try {
        return s.executeQuery(sql);
      } catch (SQLException e) {
        String why = ErrorText.of(e);
        throw new DatasetFormatException(file.toString(), "", "cannot be read as Parquet: " + why, e);
      }
    }

    /** The frames of one episode, as read. */
    private final class Frames {
      final EpisodeMeta meta;
      final List<Double> timestamps = new ArrayList<>();
      final List<List<float[]>> columns = new ArrayList<>();
      long taskIndex = -1;

      Frames(EpisodeMeta meta, int featureCount) {
        this.meta = meta;
        for (int k = 0; k < featureCount; k++) {
          columns.add(new ArrayList<>());
        }
      }

      Episode toEpisode(Path file, Map<Long, String> tasks) {
        String where = "episode " + meta.index();
        if (timestamps.size() != meta.length()) {
          throw new DatasetFormatException(file.toString(), where,
              timestamps.size() + " frames in the file, the episode metadata says " + meta.length());
        }
        double[] t = new double[timestamps.size()];
        for (int i = 0; i < t.length; i++) {
          t[i] = timestamps.get(i);
        }
        Map<String, float[][]> obs = new LinkedHashMap<>();
        float[][] actions = null;
        for (int k = 0; k < features.size(); k++) {
          float[][] rows = columns.get(k).toArray(new float[0][]);
          Feature f = features.get(k);
          if (f.isObservation()) {
            obs.put(f.observationName(), rows);
          } else {
            actions = rows;
          }
        }
        String task = tasks.getOrDefault(taskIndex, meta.task());
        try {
          return new Episode(meta.index(), task, t, obs, actions,
              Map.of("source", root.relativize(file).toString()));
        } catch (IllegalArgumentException e) {
          throw new DatasetFormatException(file.toString(), where, e.getMessage(), e);
        }
      }
    }
  }

  static List<Path> parquetFiles(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(p -> p.toString().endsWith(".parquet")).sorted().toList();
    } catch (IOException e) {
      throw new DatasetFormatException(dir.toString(), "", "cannot list: " + ErrorText.of(e), e);
    }
  }

  private static List<JsonNode> jsonLines(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new DatasetFormatException(file.toString(), "", "missing");
    }
    List<JsonNode> out = new ArrayList<>();
    try {
      int line = 0;
      for (String s : Files.readAllLines(file)) {
        line++;
        if (s.isBlank()) {
          continue;
        }
        try {
          out.add(JSON.readTree(s));
        } catch (IOException e) {
          throw new DatasetFormatException(file.toString(), "line " + line, ErrorText.of(e), e);
        }
      }
    } catch (IOException e) {
      throw new DatasetFormatException(file.toString(), "", "cannot read: " + ErrorText.of(e), e);
    }
    return out;
  }

  /**
   * Checks the metadata that reading does not need against the frames read: info.json's
   * total_episodes, and for every imported feature a stats entry (meta/stats.json for v3.0, each
   * line of meta/episodes_stats.jsonl for v2.1) of the right width whose count matches.
   *
   * @return problems found, each naming the file and the place; empty when consistent
   */
  public List<String> checkMetadata() {
    List<String> problems = new ArrayList<>();
    Path infoFile = root.resolve(LeRobotLayout.INFO);
    JsonNode info = readJson(infoFile);
    long declared = info.path("total_episodes").asLong(-1);
    if (declared >= 0 && declared != episodes.size()) {
      problems.add(infoFile + " (total_episodes): " + declared + " declared, " + episodes.size() + " episodes found");
    }
    if (version.equals(LeRobotLayout.V30)) {
      Path statsFile = root.resolve(LeRobotLayout.STATS);
      if (!Files.isRegularFile(statsFile)) {
        problems.add(statsFile + ": missing");
      } else {
        checkStats(readJson(statsFile), statsFile.toString(), totalFrames(), problems);
      }
    } else if (version.equals(LeRobotLayout.V21)) {
      Path statsFile = root.resolve(LeRobotLayout.EPISODES_STATS_JSONL);
      if (!Files.isRegularFile(statsFile)) {
        problems.add(statsFile + ": missing");
      } else {
        Map<Integer, Integer> lengths = new LinkedHashMap<>();
        episodes.forEach(e -> lengths.put(e.index(), e.length()));
        for (JsonNode line : jsonLines(statsFile)) {
          int ep = line.path("episode_index").asInt(-1);
          Integer length = lengths.get(ep);
          if (length == null) {
            problems.add(statsFile + " (episode " + ep + "): stats for an episode that is not in the dataset");
          } else {
            checkStats(line.path("stats"), statsFile + " (episode " + ep + ")", length, problems);
          }
        }
      }
    }
    return problems;
  }

  private void checkStats(JsonNode stats, String where, long frames, List<String> problems) {
    for (Feature f : schema.features()) {
      JsonNode s = stats.path(f.key());
      if (s.isMissingNode()) {
        problems.add(where + " (" + f.key() + "): no statistics");
        continue;
      }
      for (String k : List.of("min", "max", "mean", "std")) {
        if (s.path(k).size() != f.dim()) {
          problems.add(where + " (" + f.key() + "." + k + "): width " + s.path(k).size() + ", the feature has " + f.dim());
        }
      }
      long count = s.path("count").path(0).asLong(-1);
      if (count >= 0 && count != frames) {
        problems.add(where + " (" + f.key() + ".count): " + count + ", the data has " + frames + " frames");
      }
    }
  }

  /** The dataset directory. */
  public Path root() {
    return root;
  }

  /** codebase_version as read ("v3.0", "v2.1", "v2.0"). */
  public String version() {
    return version;
  }

  /** Features present in info.json but not imported, each with the reason. */
  public List<String> notes() {
    return notes;
  }

  @Override
  public int size() {
    return episodes.size();
  }

  @Override
  public Episode episode(int i) {
    return episodes.get(i);
  }

  @Override
  public DatasetSchema schema() {
    return schema;
  }

  @Override
  public String robotType() {
    return robotType;
  }

  @Override
  public String describe() {
    return "LeRobot " + version + " dataset " + root.getFileName() + " (" + episodes.size() + " episodes)";
  }
}
