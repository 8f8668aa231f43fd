package io.diffpilot.demos.lerobot;

import io.diffpilot.core.Episode;
import io.diffpilot.demos.dataset.DatasetFormatException;
import io.diffpilot.demos.dataset.DatasetSchema;
import io.diffpilot.demos.dataset.ErrorText;
import io.diffpilot.demos.dataset.LoadedDemoDataset;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

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
public final class LeRobotDataset extends LoadedDemoDataset {

  private final Path root;
  private final String version;
  private final List<String> notes;

  private LeRobotDataset(Path root, String version, String robotType, DatasetSchema schema,
      List<Episode> episodes, List<String> notes) {
    super("LeRobot " + version + " dataset " + root.getFileName(), robotType, schema, episodes);
    this.root = root;
    this.version = version;
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
    LeRobotInfo info = LeRobotInfo.read(root);
    try (Connection c = Duck.open()) {
      EpisodeReader reader = new EpisodeReader(root, info.schema(), c);
      List<Episode> episodes = info.version().equals(LeRobotLayout.V30)
          ? reader.readV3(info.json(), info.file())
          : reader.readV2(info.json(), info.file());
      long totalFrames = info.json().path("total_frames").asLong(-1);
      long frames = episodes.stream().mapToLong(Episode::length).sum();
      if (totalFrames >= 0 && totalFrames != frames) {
        throw new DatasetFormatException(info.file().toString(), "total_frames",
            totalFrames + " declared, " + frames + " frames found");
      }
      if (checkFps) {
        checkFps(info.fps(), episodes, info.file());
      }
      return new LeRobotDataset(root, info.version(), info.robotType(), info.schema(), episodes, info.notes());
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

  /**
   * Checks the metadata that reading does not need against the frames read: info.json's
   * total_episodes, and for every imported feature a stats entry (meta/stats.json for v3.0, each
   * line of meta/episodes_stats.jsonl for v2.1) of the right width whose count matches.
   *
   * @return problems found, each naming the file and the place; empty when consistent
   */
  public List<String> checkMetadata() {
    return MetadataCheck.problems(this);
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

}
