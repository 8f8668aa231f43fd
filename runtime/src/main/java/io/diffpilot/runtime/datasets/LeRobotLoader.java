package io.diffpilot.runtime.datasets;

import io.diffpilot.core.EpisodeDataset;
import io.diffpilot.demos.lerobot.LeRobotDataset;
import io.diffpilot.policy.model.PolicyConfig;
import io.diffpilot.policy.train.DatasetLoader;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/** {@code type: lerobot}: a LeRobot dataset directory (v2.0, v2.1 or v3.0). Key: {@code path}. */
public final class LeRobotLoader implements DatasetLoader {

  @Override
  public String type() {
    return "lerobot";
  }

  @Override
  public EpisodeDataset load(Map<String, Object> values, PolicyConfig config, Path baseDir) {
    DatasetSpec spec = new DatasetSpec(type(), values, baseDir, Set.of("path"));
    return LeRobotDataset.open(spec.path());
  }
}
