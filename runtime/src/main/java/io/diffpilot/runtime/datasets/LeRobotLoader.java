package io.diffpilot.runtime.datasets;

import io.diffpilot.core.EpisodeDataset;
import io.diffpilot.demos.lerobot.LeRobotDataset;
import io.diffpilot.policy.model.PolicyConfig;
import io.diffpilot.policy.train.DatasetLoader;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * {@code type: lerobot}: a LeRobot dataset directory (v2.0, v2.1 or v3.0), such as the
 * repository's {@code data/pusht}. Keys: {@code path}, {@code first} (0) and {@code limit} (all):
 * episodes by position, as {@code pusht-csv} selects them.
 */
public final class LeRobotLoader implements DatasetLoader {

  @Override
  public String type() {
    return "lerobot";
  }

  @Override
  public EpisodeDataset load(Map<String, Object> values, PolicyConfig config, Path baseDir) {
    DatasetSpec spec = new DatasetSpec(type(), values, baseDir, Set.of("path", "first", "limit"));
    LeRobotDataset all = LeRobotDataset.open(spec.path());
    if (!values.containsKey("first") && !values.containsKey("limit")) {
      return all;
    }
    try {
      return all.slice(spec.integer("first", 0), spec.integer("limit", Integer.MAX_VALUE));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("dataset (" + type() + "): " + e.getMessage(), e);
    }
  }
}
