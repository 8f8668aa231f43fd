package io.diffpilot.demos.lerobot;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.diffpilot.core.Episode;
import io.diffpilot.demos.dataset.Feature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * The Parquet files of a write, through DuckDB: the frames as a table, the data files (one row
 * group per episode, with the {@code huggingface} and {@code ARROW:schema} footer entries pyarrow
 * writes) and any other table copied out with a given Arrow schema.
 */
final class FrameFiles {
  private final WritePlan plan;
  private final List<Feature> features;

  FrameFiles(WritePlan plan) {
    this.plan = plan;
    this.features = plan.features;
  }

  /** A table "frames" with one scalar column per vector component, holding episodes first..end−1. */
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
        Episode e = plan.ds.episode(i);
        List<float[][]> cols = plan.columns(e);
        for (int t = 0; t < e.length(); t++) {
          a.beginRow();
          a.append((long) i);
          a.append((long) t);
          a.append(plan.from[i] + t);
          a.append((long) plan.taskOf[i]);
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

  private String selectFrames(String where) {
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
  private String huggingFaceMetadata() throws IOException {
    ObjectMapper m = new ObjectMapper();
    ObjectNode features = m.createObjectNode();
    String listType = plan.isV30() ? "List" : "Sequence";
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
  private ArrowSchema dataArrowSchema(String huggingFace) {
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

  private void copy(Connection c, String select, Path file, String options) throws SQLException, IOException {
    Files.createDirectories(file.getParent());
    try (Statement s = c.createStatement()) {
      s.execute("COPY (" + select + ") TO " + Duck.literal(file) + " (FORMAT parquet, COMPRESSION "
          + plan.compression.name().toLowerCase(Locale.ROOT) + options + ")");
    }
  }
}
