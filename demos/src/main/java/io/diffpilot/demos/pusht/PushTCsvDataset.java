package io.diffpilot.demos.pusht;

import io.diffpilot.core.Episode;
import io.diffpilot.demos.dataset.DatasetFormatException;
import io.diffpilot.demos.dataset.DatasetSchema;
import io.diffpilot.demos.dataset.Feature;
import io.diffpilot.demos.dataset.LoadedDemoDataset;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Push-T human demonstrations of the Diffusion Policy paper, read from the CSV export in
 * {@code shared/data/pusht}: {@code pusht_cchi_v7_replay.csv} (state, action) joined row by row
 * with {@code pusht_keypoints.csv}.
 *
 * <p>Each episode (demo index = {@link Episode#index()} = the reset seed of its first frame) has,
 * at 10 Hz ({@code timestamp = step / 10}):
 * <ul>
 *   <li>{@code "state"} [T][5]: agent x, agent y, block x, block y, block angle in [0, 2π);</li>
 *   <li>{@code "keypoints"} [T][20]: the 9 block keypoints (x, y) in world pixels then agent x, y:
 *       the paper's low-dimensional observation, in diffusion_policy's order;</li>
 *   <li>actions [T][2]: the agent's PD target (x, y).</li>
 * </ul>
 * The paper trained on episodes 0–89 ({@link #PAPER_TRAIN_EPISODES}).
 */
public final class PushTCsvDataset extends LoadedDemoDataset {

  /** {@code max_train_episodes} of the paper's Push-T low-dim config. */
  public static final int PAPER_TRAIN_EPISODES = 90;

  public static final String REPLAY_CSV = "pusht_cchi_v7_replay.csv";
  public static final String KEYPOINTS_CSV = "pusht_keypoints.csv";
  public static final double FPS = 10.0;

  static final String REPLAY_HEADER =
      "episode,step,agent_x,agent_y,block_x,block_y,block_angle,action_x,action_y,n_contacts";

  private static final List<String> STATE_NAMES = List.of("agent_x", "agent_y", "block_x", "block_y", "block_angle");

  /** The schema of Push-T demonstrations: "state" [5], "keypoints" [20], action [2] at 10 fps. */
  public static final DatasetSchema SCHEMA = pushTSchema();

  private PushTCsvDataset(List<Episode> episodes, String description) {
    super(description, "pusht", SCHEMA, episodes);
  }

  private static DatasetSchema pushTSchema() {
    List<String> kpNames = new ArrayList<>();
    for (int k = 0; k < 9; k++) {
      kpNames.add("kp" + k + "_x");
      kpNames.add("kp" + k + "_y");
    }
    kpNames.add("agent_x");
    kpNames.add("agent_y");
    Map<String, Feature> obs = new LinkedHashMap<>();
    obs.put("state", Feature.observation("state", 5, STATE_NAMES));
    obs.put("keypoints", Feature.observation("keypoints", 20, kpNames));
    return new DatasetSchema(FPS, obs, Feature.action(2, List.of("target_x", "target_y")));
  }

  /** All episodes in {@code dir}. */
  public static PushTCsvDataset load(Path dir) {
    return load(dir, 0, Integer.MAX_VALUE);
  }

  /** The paper's training set: episodes 0–89. */
  public static PushTCsvDataset paperTrainingSet(Path dir) {
    return load(dir, 0, PAPER_TRAIN_EPISODES);
  }

  /**
   * Episodes {@code first}, …, {@code first + limit − 1} (fewer if the file ends first).
   *
   * @throws DatasetFormatException naming the file and line of the first malformed row
   * @throws UncheckedIOException when a file cannot be read
   */
  public static PushTCsvDataset load(Path dir, int first, int limit) {
    if (first < 0 || limit < 1) {
      throw new IllegalArgumentException("episode range needs first >= 0 and limit >= 1, got " + first + ", " + limit);
    }
    Path replay = dir.resolve(REPLAY_CSV);
    Path keypoints = dir.resolve(KEYPOINTS_CSV);
    List<Episode> episodes = new ArrayList<>();
    long endExclusive = (long) first + limit;
    try (BufferedReader r = Files.newBufferedReader(replay, StandardCharsets.UTF_8);
        BufferedReader k = Files.newBufferedReader(keypoints, StandardCharsets.UTF_8)) {
      expectHeader(r, replay, REPLAY_HEADER);
      expectHeader(k, keypoints, keypointHeader());
      EpisodeBuilder current = null;
      int line = 1;
      int lastEpisode = -1;
      while (true) {
        String row = r.readLine();
        String kRow = k.readLine();
        line++;
        if (row == null || kRow == null) {
          if (row != kRow) {
            Path shorter = row == null ? replay : keypoints;
            throw new DatasetFormatException(shorter.toString(), "line " + line,
                "ends before " + (row == null ? keypoints : replay).getFileName() + " does");
          }
          break;
        }
        double[] v = parse(row, 10, replay, line);
        double[] kp = parse(kRow, 20, keypoints, line);
        int ep = (int) v[0];
        int step = (int) v[1];
        if (v[0] != ep || v[1] != step) {
          throw new DatasetFormatException(replay.toString(), "line " + line, "episode and step must be integers");
        }
        if (kp[0] != v[0] || kp[1] != v[1]) {
          throw new DatasetFormatException(keypoints.toString(), "line " + line, "row is episode " + (long) kp[0]
              + " step " + (long) kp[1] + " but " + REPLAY_CSV + " has episode " + ep + " step " + step);
        }
        if (ep != lastEpisode) {
          if (ep != lastEpisode + 1) {
            throw new DatasetFormatException(replay.toString(), "line " + line + ", episode " + ep,
                "episodes must follow each other from 0, previous was " + lastEpisode);
          }
          if (current != null) {
            episodes.add(current.build(replay));
          }
          current = ep >= first && ep < endExclusive ? new EpisodeBuilder(ep, line) : null;
          lastEpisode = ep;
          if (ep >= endExclusive) {
            break;
          }
        }
        if (current != null) {
          current.add(step, v, kp, replay, line);
        }
      }
      if (current != null) {
        episodes.add(current.build(replay));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read Push-T CSV in " + dir + ": " + io.diffpilot.demos.dataset.ErrorText.of(e), e);
    }
    if (episodes.isEmpty()) {
      throw new DatasetFormatException(replay.toString(), "episodes " + first + ".." + (endExclusive - 1),
          "no such episodes in the file");
    }
    String what = "pusht human demos " + episodes.get(0).index() + ".." + episodes.get(episodes.size() - 1).index();
    return new PushTCsvDataset(episodes, what);
  }

  private static String keypointHeader() {
    StringBuilder b = new StringBuilder("episode,step");
    for (int k = 0; k < 9; k++) {
      b.append(",kp").append(k).append("_x,kp").append(k).append("_y");
    }
    return b.toString();
  }

  private static void expectHeader(BufferedReader r, Path file, String expected) throws IOException {
    String header = r.readLine();
    if (header == null || !header.strip().equals(expected)) {
      throw new DatasetFormatException(file.toString(), "line 1", "header is '" + header + "', expected '" + expected + "'");
    }
  }

  private static double[] parse(String row, int columns, Path file, int line) {
    String[] parts = row.split(",", -1);
    if (parts.length != columns) {
      throw new DatasetFormatException(file.toString(), "line " + line, parts.length + " columns, expected " + columns);
    }
    double[] v = new double[columns];
    for (int i = 0; i < columns; i++) {
      try {
        v[i] = Double.parseDouble(parts[i].strip());
      } catch (NumberFormatException e) {
        throw new DatasetFormatException(file.toString(), "line " + line + ", column " + (i + 1),
            "'" + parts[i] + "' is not a number");
      }
      if (!Double.isFinite(v[i])) {
        throw new DatasetFormatException(file.toString(), "line " + line + ", column " + (i + 1), "not finite");
      }
    }
    return v;
  }

  /** Collects one episode's rows; steps must run 0, 1, 2, … */
  private static final class EpisodeBuilder {
    private final int index;
    private final int firstLine;
    private final List<float[]> state = new ArrayList<>();
    private final List<float[]> keypoints = new ArrayList<>();
    private final List<float[]> actions = new ArrayList<>();

    EpisodeBuilder(int index, int firstLine) {
      this.index = index;
      this.firstLine = firstLine;
    }

    void add(int step, double[] v, double[] kp, Path file, int line) {
      if (step != actions.size()) {
        throw new DatasetFormatException(file.toString(), "line " + line + ", episode " + index,
            "step " + step + " where step " + actions.size() + " was expected");
      }
      state.add(new float[] {(float) v[2], (float) v[3], (float) v[4], (float) v[5], (float) v[6]});
      float[] obs = new float[20];
      for (int j = 0; j < 18; j++) {
        obs[j] = (float) kp[2 + j];
      }
      obs[18] = (float) v[2];
      obs[19] = (float) v[3];
      keypoints.add(obs);
      actions.add(new float[] {(float) v[7], (float) v[8]});
    }

    Episode build(Path file) {
      int n = actions.size();
      double[] t = new double[n];
      for (int i = 0; i < n; i++) {
        t[i] = i / FPS;
      }
      Map<String, float[][]> obs = new LinkedHashMap<>();
      obs.put("state", state.toArray(new float[0][]));
      obs.put("keypoints", keypoints.toArray(new float[0][]));
      try {
        return new Episode(index, "pusht", t, obs, actions.toArray(new float[0][]),
            Map.of("source", file.getFileName().toString(), "seed", Integer.toString(index),
                "first_line", Integer.toString(firstLine)));
      } catch (IllegalArgumentException e) {
        throw new DatasetFormatException(file.toString(), "episode " + index + " from line " + firstLine, e.getMessage(), e);
      }
    }
  }
}
