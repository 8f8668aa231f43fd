package io.diffpilot.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One demonstration or rollout: T steps of named observation vectors and the action taken at each.
 *
 * <p>Step {@code t} pairs the observation recorded <em>before</em> the action with the action
 * itself, as diffusion_policy's replay buffers and LeRobot's frames do.
 *
 * @param index episode index within its dataset
 * @param task free-text task name ("pusht", "obstacle", a LeRobot task string)
 * @param timestampsSeconds [T] seconds since the episode start, strictly increasing
 * @param observations name → [T][d] (for example "state" [T][5], "keypoints" [T][20])
 * @param actions [T][A]
 * @param metadata free key/value pairs (source file, seed, operator); never null
 */
public record Episode(
    int index,
    String task,
    double[] timestampsSeconds,
    Map<String, float[][]> observations,
    float[][] actions,
    Map<String, String> metadata) {

  public Episode {
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(timestampsSeconds, "timestampsSeconds");
    Objects.requireNonNull(observations, "observations");
    Objects.requireNonNull(actions, "actions");
    metadata = metadata == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    int length = actions.length;
    if (length == 0) {
      throw new IllegalArgumentException("episode " + index + " has no steps");
    }
    if (timestampsSeconds.length != length) {
      throw new IllegalArgumentException("episode " + index + ": " + timestampsSeconds.length
          + " timestamps for " + length + " actions");
    }
    for (int t = 1; t < length; t++) {
      if (!(timestampsSeconds[t] > timestampsSeconds[t - 1])) {
        throw new IllegalArgumentException("episode " + index + ": timestamps not increasing at step " + t
            + " (" + timestampsSeconds[t - 1] + " then " + timestampsSeconds[t] + ")");
      }
    }
    checkRectangular("actions", actions, index);
    for (Map.Entry<String, float[][]> e : observations.entrySet()) {
      if (e.getValue().length != length) {
        throw new IllegalArgumentException("episode " + index + ": observation '" + e.getKey() + "' has "
            + e.getValue().length + " steps, actions have " + length);
      }
      checkRectangular("observation '" + e.getKey() + "'", e.getValue(), index);
    }
    observations = Collections.unmodifiableMap(new LinkedHashMap<>(observations));
  }

  /** Number of steps T. */
  public int length() {
    return actions.length;
  }

  /** Action dimension A. */
  public int actionDim() {
    return actions[0].length;
  }

  /** The [T][d] observation named {@code name}; a clear error if the episode lacks it. */
  public float[][] observation(String name) {
    float[][] o = observations.get(name);
    if (o == null) {
      throw new IllegalArgumentException("episode " + index + " has no observation '" + name
          + "' (has " + observations.keySet() + ")");
    }
    return o;
  }

  private static void checkRectangular(String what, float[][] rows, int index) {
    int dim = rows[0].length;
    for (int t = 0; t < rows.length; t++) {
      if (rows[t].length != dim) {
        throw new IllegalArgumentException("episode " + index + ": " + what + " has width " + rows[t].length
            + " at step " + t + ", expected " + dim);
      }
      for (int j = 0; j < dim; j++) {
        if (!Float.isFinite(rows[t][j])) {
          throw new IllegalArgumentException("episode " + index + ": " + what + " is not finite at step " + t
              + ", column " + j);
        }
      }
    }
  }
}
