package io.diffpilot.demos.lerobot;

import com.fasterxml.jackson.databind.JsonNode;
import io.diffpilot.core.Episode;
import io.diffpilot.demos.dataset.DatasetFormatException;
import io.diffpilot.demos.dataset.DatasetSchema;
import io.diffpilot.demos.dataset.ErrorText;
import io.diffpilot.demos.dataset.Feature;
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

/**
 * Reads a LeRobot dataset's episode metadata (v3.0 Parquet, v2.x JSON lines) and data files, and
 * turns their rows into validated episodes: frames in order without gaps, increasing finite
 * timestamps, vectors of the declared width, frame counts matching the metadata. Each problem is
 * a {@link DatasetFormatException} naming the file, episode, frame and column.
 */
final class EpisodeReader {
  private final Path root;
  private final DatasetSchema schema;
  private final Connection c;
  private final List<Feature> features;

  EpisodeReader(Path root, DatasetSchema schema, Connection c) {
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
    List<Path> metaFiles = MetaFiles.parquetFiles(episodesDir);
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
    for (JsonNode t : MetaFiles.jsonLines(tasksFile)) {
      tasks.put(t.path("task_index").asLong(), t.path("task").asText());
    }
    Path episodesFile = root.resolve(LeRobotLayout.EPISODES_JSONL);
    List<EpisodeMeta> metas = new ArrayList<>();
    int line = 0;
    for (JsonNode e : MetaFiles.jsonLines(episodesFile)) {
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
