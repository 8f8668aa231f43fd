package io.diffpilot.sim.pusht;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The 206 human Push-T demonstrations as CSV (shared/data/pusht/pusht_cchi_v7_replay.csv): per
 * episode the recorded states (before each action) and actions. Only what replay and the tests
 * need; the {@code demos} module owns datasets proper.
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

  private PushTDemonstrations() {}

  /** Reads every episode from {@code dir}/pusht_cchi_v7_replay.csv, in episode order. */
  public static List<Demo> read(Path dir) throws IOException {
    Path file = dir.resolve(REPLAY_CSV);
    if (!Files.isRegularFile(file)) {
      throw new IOException("no Push-T demonstrations at " + file.toAbsolutePath()
          + " (expected the shared/data/pusht folder)");
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
