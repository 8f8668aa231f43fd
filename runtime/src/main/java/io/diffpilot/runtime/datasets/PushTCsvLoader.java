package io.diffpilot.runtime.datasets;

import io.diffpilot.core.EpisodeDataset;
import io.diffpilot.demos.pusht.PushTCsvDataset;
import io.diffpilot.policy.model.PolicyConfig;
import io.diffpilot.policy.train.DatasetLoader;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * {@code type: pusht-csv}: the Push-T human demonstrations as the original CSV export (the
 * repository ships them as LeRobot v3.0 in {@code data/pusht}, read with {@code type: lerobot}).
 * Keys: {@code path}, {@code first} (0), {@code limit} (90, the paper's max_train_episodes).
 */
public final class PushTCsvLoader implements DatasetLoader {

  @Override
  public String type() {
    return "pusht-csv";
  }

  @Override
  public EpisodeDataset load(Map<String, Object> values, PolicyConfig config, Path baseDir) {
    DatasetSpec spec = new DatasetSpec(type(), values, baseDir, Set.of("path", "first", "limit"));
    return PushTCsvDataset.load(spec.path(), spec.integer("first", 0),
        spec.integer("limit", PushTCsvDataset.PAPER_TRAIN_EPISODES));
  }
}
