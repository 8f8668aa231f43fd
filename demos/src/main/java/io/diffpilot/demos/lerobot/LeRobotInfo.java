package io.diffpilot.demos.lerobot;

import com.fasterxml.jackson.databind.JsonNode;
import io.diffpilot.demos.dataset.DatasetFormatException;
import io.diffpilot.demos.dataset.DatasetSchema;
import io.diffpilot.demos.dataset.Feature;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A dataset's {@code meta/info.json} as read: the version, fps and robot type, and the schema
 * of the features DiffPilot imports ({@code action}, {@code observation.*} float vectors); every
 * other feature is a note with the reason it is not imported.
 *
 * @param file the info.json file, for errors
 * @param json the whole document (data_path, chunks_size, total_frames, ...)
 * @param version codebase_version: v3.0, v2.1 or v2.0
 * @param fps declared frames per second, &gt; 0
 * @param robotType robot_type, or "" when absent
 * @param schema the imported features
 * @param notes features present but not imported, each with the reason
 */
record LeRobotInfo(Path file, JsonNode json, String version, double fps, String robotType, DatasetSchema schema,
    List<String> notes) {

  LeRobotInfo {
    notes = List.copyOf(notes);
  }

  /** Reads and checks {@code root}'s meta/info.json. */
  static LeRobotInfo read(Path root) {
    Path infoFile = root.resolve(LeRobotLayout.INFO);
    JsonNode info = MetaFiles.readJson(infoFile);
    String version = info.path("codebase_version").asText("");
    if (!List.of(LeRobotLayout.V30, LeRobotLayout.V21, LeRobotLayout.V20).contains(version)) {
      throw new DatasetFormatException(infoFile.toString(), "codebase_version",
          "'" + version + "' is not supported (reads v3.0, v2.1, v2.0)");
    }
    double fps = info.path("fps").asDouble(Double.NaN);
    if (!(fps > 0)) {
      throw new DatasetFormatException(infoFile.toString(), "fps", "missing or not positive");
    }
    List<String> notes = new ArrayList<>();
    Map<String, Feature> observations = new LinkedHashMap<>();
    Feature action = null;
    JsonNode features = info.path("features");
    if (!features.isObject()) {
      throw new DatasetFormatException(infoFile.toString(), "features", "missing");
    }
    for (var it = features.fields(); it.hasNext(); ) {
      var entry = it.next();
      String key = entry.getKey();
      JsonNode f = entry.getValue();
      String dtype = f.path("dtype").asText("");
      if (LeRobotLayout.INDEX_COLUMNS.contains(key)) {
        continue;
      }
      if (dtype.equals("video") || dtype.equals("image")) {
        boolean present = Files.isDirectory(root.resolve("videos").resolve(key))
            || Files.isDirectory(root.resolve("images").resolve(key));
        notes.add(dtype + " feature '" + key + "' not imported: DiffPilot reads low-dimensional features only"
            + (present ? "" : " (its files are absent from this copy)"));
        continue;
      }
      boolean vector = (dtype.equals("float32") || dtype.equals("float64"))
          && f.path("shape").isArray() && f.path("shape").size() == 1;
      boolean wanted = key.equals(Feature.ACTION)
          || (key.startsWith(Feature.OBSERVATION_PREFIX) && key.length() > Feature.OBSERVATION_PREFIX.length());
      if (!wanted) {
        notes.add("feature '" + key + "' (" + dtype + ") not imported: only 'action' and 'observation.*' are");
        continue;
      }
      if (!vector) {
        if (key.equals(Feature.ACTION)) {
          throw new DatasetFormatException(infoFile.toString(), "features.action",
              "dtype " + dtype + " shape " + f.path("shape") + ": a float32/float64 vector is required");
        }
        notes.add("feature '" + key + "' (" + dtype + ", shape " + f.path("shape")
            + ") not imported: only 1-D float vectors are");
        continue;
      }
      int dim = f.path("shape").get(0).asInt();
      List<String> names = names(f.path("names"), dim);
      Feature feature = new Feature(key, dim, names);
      if (feature.isObservation()) {
        observations.put(feature.observationName(), feature);
      } else {
        action = feature;
      }
    }
    if (action == null) {
      throw new DatasetFormatException(infoFile.toString(), "features", "no 'action' feature");
    }
    DatasetSchema schema;
    try {
      schema = new DatasetSchema(fps, observations, action);
    } catch (IllegalArgumentException e) {
      throw new DatasetFormatException(infoFile.toString(), "features", e.getMessage(), e);
    }
    String robotType = info.path("robot_type").isTextual() ? info.path("robot_type").asText() : "";
    return new LeRobotInfo(infoFile, info, version, fps, robotType, schema, notes);
  }

  private static List<String> names(JsonNode node, int dim) {
    List<String> out = new ArrayList<>();
    JsonNode list = node;
    if (node.isObject() && node.size() == 1) {
      list = node.elements().next(); // v2.0 style {"motors": [...]}
    }
    if (list.isArray()) {
      list.forEach(n -> out.add(n.asText()));
    }
    return out.size() == dim ? out : List.of();
  }
}
