package io.diffpilot.demos.dataset;

import io.diffpilot.core.Episode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What every episode of a dataset holds: the observation features (by {@code Episode}
 * observation name) and the action feature, sampled at {@code fps}.
 *
 * @param fps control rate in frames per second (&gt; 0)
 * @param observations observation name → feature (insertion order is the column order)
 * @param action the action feature [A]
 */
public record DatasetSchema(double fps, Map<String, Feature> observations, Feature action) {

  public DatasetSchema {
    Objects.requireNonNull(observations, "observations");
    Objects.requireNonNull(action, "action");
    if (!(fps > 0) || !Double.isFinite(fps)) {
      throw new IllegalArgumentException("fps must be a positive number, got " + fps);
    }
    for (Map.Entry<String, Feature> e : observations.entrySet()) {
      if (!e.getValue().isObservation() || !e.getValue().observationName().equals(e.getKey())) {
        throw new IllegalArgumentException("observation '" + e.getKey() + "' is mapped to feature '"
            + e.getValue().key() + "'");
      }
    }
    if (!Feature.ACTION.equals(action.key())) {
      throw new IllegalArgumentException("the action feature must be keyed 'action', got '" + action.key() + "'");
    }
    observations = Collections.unmodifiableMap(new LinkedHashMap<>(observations));
  }

  /** All features, observations first then the action. */
  public List<Feature> features() {
    List<Feature> all = new ArrayList<>(observations.values());
    all.add(action);
    return all;
  }

  /** Frame period in seconds. */
  public double periodSeconds() {
    return 1.0 / fps;
  }

  /** The schema an episode implies (unnamed components). */
  public static DatasetSchema of(double fps, Episode e) {
    Map<String, Feature> obs = new LinkedHashMap<>();
    e.observations().forEach((name, rows) -> obs.put(name, Feature.observation(name, rows[0].length, List.of())));
    return new DatasetSchema(fps, obs, Feature.action(e.actionDim(), List.of()));
  }

  /**
   * Checks that {@code e} has exactly this schema's observations and widths.
   *
   * @throws DatasetFormatException naming {@code source} and the episode
   */
  public void check(Episode e, String source) {
    if (!e.observations().keySet().equals(observations.keySet())) {
      throw new DatasetFormatException(source, "episode " + e.index(),
          "observations " + e.observations().keySet() + " differ from the dataset's " + observations.keySet());
    }
    for (Feature f : observations.values()) {
      int width = e.observation(f.observationName())[0].length;
      if (width != f.dim()) {
        throw new DatasetFormatException(source, "episode " + e.index() + ", column " + f.key(),
            "width " + width + ", the dataset declares " + f.dim());
      }
    }
    if (e.actionDim() != action.dim()) {
      throw new DatasetFormatException(source, "episode " + e.index() + ", column action",
          "width " + e.actionDim() + ", the dataset declares " + action.dim());
    }
  }
}
