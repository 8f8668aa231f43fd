package io.diffpilot.sim.pusht;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The 206 human Push-T demonstrations: per episode the recorded states (before each action) and
 * actions. Reads the repository's LeRobot v3.0 copy ({@code data/pusht}: {@code observation.state}
 * [5] and {@code action} [2] of every row of {@code data/chunk-*&#47;file-*.parquet}, with DuckDB) or
 * the original CSV export ({@code pusht_cchi_v7_replay.csv}). Only what replay and the tests need;
 * the {@code demos} module owns datasets proper (sim cannot depend on it).
 */
public final class PushTDemonstrations {
  /** File with the states and actions. */
  public static final String REPLAY_CSV = "pusht_cchi_v7_replay.csv";

  /**
   * One demonstration.
   *
   * @param index episode number (its reset seed)
   * @param states [T][5] agent x, y, block x, y, angle in [0, 2π), recorded before each action
   * @param actions [T][2] agent targets
   */
  public record Demo(int index, double[][] states, double[][] actions) {
    public int length() {
      return actions.length;
    }

    public PushTState state(int t) {
      double[] s = states[t];
      return new PushTState(s[0], s[1], s[2], s[3], s[4]);
    }
  }

  /** Marks a LeRobot dataset folder. */
  static final String LEROBOT_INFO = "meta/info.json";

  private PushTDemonstrations() {}

  /** Frames in global order ("index"); episode_index splits them. */
  private static List<Demo> readLeRobot(Path dir) throws IOException {
    Path data = dir.resolve("data");
    String glob = data.toAbsolutePath().toString().replace("'", "''") + "/*/*.parquet";
    String sql = "SELECT episode_index, \"observation.state\", action FROM read_parquet('" + glob + "') ORDER BY \"index\"";
    List<Demo> demos = new ArrayList<>();
    List<double[]> states = new ArrayList<>();
    List<double[]> actions = new ArrayList<>();
    long current = -1;
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      while (r.next()) {
        long episode = r.getLong(1);
        if (episode != current) {
          if (current >= 0) {
            demos.add(new Demo((int) current, states.toArray(new double[0][]), actions.toArray(new double[0][])));
          }
          states.clear();
          actions.clear();
          current = episode;
        }
        states.add(vector(r, 2, 5, dir, episode));
        actions.add(vector(r, 3, 2, dir, episode));
      }
    } catch (SQLException e) {
      throw new IOException(dir + ": cannot read the Push-T demonstrations' Parquet files ("
          + firstLine(e.getMessage()) + ")", e);
    }
    if (current >= 0) {
      demos.add(new Demo((int) current, states.toArray(new double[0][]), actions.toArray(new double[0][])));
    }
    if (demos.isEmpty()) {
      throw new IOException(dir + ": no frames in data/*/*.parquet");
    }
    return demos;
  }

  private static double[] vector(ResultSet r, int column, int width, Path dir, long episode) throws SQLException, IOException {
    java.sql.Array a = r.getArray(column);
    Object[] values = a == null ? new Object[0] : (Object[]) a.getArray();
    if (values.length != width) {
      throw new IOException(dir + ": episode " + episode + ", column " + r.getMetaData().getColumnName(column)
          + ": width " + values.length + ", expected " + width);
    }
    double[] v = new double[width];
    for (int i = 0; i < width; i++) {
      if (!(values[i] instanceof Number n) || !Double.isFinite(n.doubleValue())) {
        throw new IOException(dir + ": episode " + episode + ", column " + r.getMetaData().getColumnName(column)
            + "[" + i + "]: missing or not finite");
      }
      v[i] = ((Number) values[i]).doubleValue();
    }
    return v;
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unknown error";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }

  /**
   * Reads every episode from {@code dir}, in episode order: a LeRobot dataset folder (with
   * {@code meta/info.json}, such as the repository's {@code data/pusht}) or a folder with
   * {@code pusht_cchi_v7_replay.csv}.
   */
  public static List<Demo> read(Path dir) throws IOException {
    if (Files.isRegularFile(dir.resolve(LEROBOT_INFO))) {
      return readLeRobot(dir);
    }
    Path file = dir.resolve(REPLAY_CSV);
    if (!Files.isRegularFile(file)) {
      throw new IOException("no Push-T demonstrations at " + dir.toAbsolutePath()
          + " (expected the repository's data/pusht, or a folder with " + REPLAY_CSV + ")");
    }
    List<Demo> demos = new ArrayList<>();
    List<double[]> states = new ArrayList<>();
    List<double[]> actions = new ArrayList<>();
    int current = -1;
    try (BufferedReader reader = Files.newBufferedReader(file)) {
      String header = reader.readLine();
      if (header == null || !header.startsWith("episode,step,agent_x,agent_y,block_x,block_y,block_angle,action_x,action_y")) {
        throw new IOException(file + ": unexpected header " + header);
      }
      String line;
      int lineNo = 1;
      while ((line = reader.readLine()) != null) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        String[] p = line.split(",");
        if (p.length < 9) {
          throw new IOException(file + ":" + lineNo + ": expected at least 9 columns, got " + p.length);
        }
        double[] v = new double[9];
        try {
          for (int i = 0; i < 9; i++) {
            v[i] = Double.parseDouble(p[i]);
          }
        } catch (NumberFormatException e) {
          throw new IOException(file + ":" + lineNo + ": not a number: " + e.getMessage(), e);
        }
        for (double x : v) {
          if (!Double.isFinite(x)) {
            throw new IOException(file + ":" + lineNo + ": non-finite value");
          }
        }
        int episode = (int) v[0];
        if (episode != current) {
          if (current >= 0) {
            demos.add(new Demo(current, states.toArray(new double[0][]), actions.toArray(new double[0][])));
          }
          states.clear();
          actions.clear();
          current = episode;
        }
        states.add(new double[] {v[2], v[3], v[4], v[5], v[6]});
        actions.add(new double[] {v[7], v[8]});
      }
    }
    if (current >= 0) {
      demos.add(new Demo(current, states.toArray(new double[0][]), actions.toArray(new double[0][])));
    }
    return demos;
  }
}
