package io.diffpilot.policy.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.diffpilot.core.Episode;
import io.diffpilot.core.EpisodeDataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * The policy's normalizer: observations and actions each mapped per dimension onto [−1, 1] by a
 * {@link MinMaxRange} fitted on the training data, saved as {@code normalizer.json}:
 * {@code {"obs": {"min": [obsDim], "max": [...]}, "action": {"min": [A], "max": [...]}}}.
 *
 * @param obs range of one observation vector [obsDim]
 * @param action range of one action vector [A]
 */
public record LinearNormalizer(MinMaxRange obs, MinMaxRange action) {

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public LinearNormalizer {
    Objects.requireNonNull(obs, "obs");
    Objects.requireNonNull(action, "action");
  }

  /** Identity on both (what an imported model without a normalizer gets). */
  public static LinearNormalizer identity(int obsDim, int actionDim) {
    return new LinearNormalizer(MinMaxRange.identity(obsDim), MinMaxRange.identity(actionDim));
  }

  /** Fits min/max of observation {@code obsKey} and of the actions over every step of every episode. */
  public static LinearNormalizer fit(EpisodeDataset data, String obsKey) {
    if (data.size() == 0) {
      throw new IllegalArgumentException("cannot fit a normalizer on an empty dataset");
    }
    float[][] obsBounds = null;
    float[][] actBounds = null;
    for (int e = 0; e < data.size(); e++) {
      Episode ep = data.episode(e);
      obsBounds = extend(obsBounds, ep.observation(obsKey), "observation '" + obsKey + "' in episode " + ep.index());
      actBounds = extend(actBounds, ep.actions(), "actions in episode " + ep.index());
    }
    return new LinearNormalizer(new MinMaxRange(obsBounds[0], obsBounds[1]), new MinMaxRange(actBounds[0], actBounds[1]));
  }

  private static float[][] extend(float[][] bounds, float[][] rows, String where) {
    int d = rows[0].length;
    if (bounds == null) {
      bounds = new float[2][d];
      Arrays.fill(bounds[0], Float.POSITIVE_INFINITY);
      Arrays.fill(bounds[1], Float.NEGATIVE_INFINITY);
    } else if (bounds[0].length != d) {
      throw new IllegalArgumentException(where + " has width " + d + ", earlier episodes " + bounds[0].length);
    }
    for (float[] row : rows) {
      for (int i = 0; i < d; i++) {
        bounds[0][i] = Math.min(bounds[0][i], row[i]);
        bounds[1][i] = Math.max(bounds[1][i], row[i]);
      }
    }
    return bounds;
  }

  /** Writes normalizer.json; floats are written in their shortest exact form, so load is exact. */
  public void save(Path file) throws IOException {
    var root = JSON.createObjectNode();
    root.set("obs", JSON.valueToTree(new Bounds(obs.min(), obs.max())));
    root.set("action", JSON.valueToTree(new Bounds(action.min(), action.max())));
    Files.writeString(file, JSON.writeValueAsString(root) + "\n");
  }

  /** Reads normalizer.json; a clear error names the file and the missing or bad part. */
  public static LinearNormalizer load(Path file) throws IOException {
    JsonNode root;
    try {
      root = JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new IOException(file + ": not valid JSON: " + e.getMessage(), e);
    }
    try {
      return new LinearNormalizer(range(root, "obs"), range(root, "action"));
    } catch (IllegalArgumentException e) {
      throw new IOException(file + ": " + e.getMessage(), e);
    }
  }

  private static MinMaxRange range(JsonNode root, String key) throws IOException {
    JsonNode node = root == null ? null : root.get(key);
    if (node == null || !node.has("min") || !node.has("max")) {
      throw new IllegalArgumentException("missing \"" + key + "\": {\"min\": [...], \"max\": [...]}");
    }
    Bounds b = JSON.treeToValue(node, Bounds.class);
    try {
      return new MinMaxRange(b.min(), b.max());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("\"" + key + "\": " + e.getMessage(), e);
    }
  }

  private record Bounds(float[] min, float[] max) {}
}
