package io.diffpilot.demos.pusht;

import io.diffpilot.core.EpisodeDataset;
import io.diffpilot.core.data.DatasetAdapter;
import io.diffpilot.core.data.DatasetSection;
import java.util.Set;

/**
 * {@code type: pusht-csv}: the Push-T human demonstrations as the original CSV export (the
 * repository ships them as LeRobot v3.0 in {@code data/pusht}, read with {@code type: lerobot}).
 * Keys: {@code path}, {@code first} (0), {@code limit} (90, the paper's max_train_episodes).
 */
public final class PushTCsvAdapter implements DatasetAdapter {

  private static final Set<String> KEYS = Set.of("path", "first", "limit");

  @Override
  public String type() {
    return "pusht-csv";
  }

  @Override
  public EpisodeDataset open(DatasetSection section) {
    section.requireOnly(KEYS);
    return PushTCsvDataset.load(section.path(), section.integer("first", 0),
        section.integer("limit", PushTCsvDataset.PAPER_TRAIN_EPISODES));
  }
}
