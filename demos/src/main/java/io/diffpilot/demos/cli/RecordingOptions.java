package io.diffpilot.demos.cli;

import io.diffpilot.demos.dataset.DatasetSchema;
import io.diffpilot.demos.dataset.Feature;
import io.diffpilot.demos.record.EpisodeRecorder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The dataset side of a recording command (a picocli {@code @Mixin} of {@code demos record} and
 * runtime's {@code record}): where the episodes go, the action width, the rate and the pairing
 * tolerance, and the {@link EpisodeRecorder} they open, so that both recorders take the same flags.
 */
public final class RecordingOptions {
  @Option(names = "--out", required = true, description = "dataset directory (created, or appended to)")
  Path out;

  @Option(names = "--action-dim", required = true, description = "action width")
  int actionDim;

  @Option(names = "--fps", defaultValue = "10", description = "nominal control rate (default ${DEFAULT-VALUE})")
  double fps;

  @Option(names = "--robot-type", defaultValue = "", description = "robot_type written to info.json")
  String robotType;

  @Option(names = "--max-age-ms", description = "max age of an observation at its action (default 2 periods)")
  Double maxAgeMs;

  /** The dataset directory of {@code --out}. */
  public Path out() {
    return out;
  }

  /** The nominal control rate of {@code --fps}, in frames per second. */
  public double fps() {
    return fps;
  }

  /** The schema of a dataset with these observation features and an action of {@code --action-dim}. */
  public DatasetSchema schema(Map<String, Feature> observations) {
    return new DatasetSchema(fps, observations, Feature.action(actionDim, List.of()));
  }

  /**
   * Opens (or creates) the dataset of {@code --out}; an observation older than {@code --max-age-ms}
   * (default two periods) at its action is rejected.
   */
  public EpisodeRecorder open(DatasetSchema schema) {
    long maxAgeNanos = Math.round((maxAgeMs == null ? 2000.0 / fps : maxAgeMs) * 1e6);
    return EpisodeRecorder.open(out, schema, robotType, maxAgeNanos);
  }
}
