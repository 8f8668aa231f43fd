package io.diffpilot.demos.pusht;

import io.diffpilot.core.EpisodeDataset;
import io.diffpilot.core.data.DatasetSection;
import io.diffpilot.demos.dataset.EpisodeRangeAdapter;
import java.nio.file.Path;

/**
 * {@code type: pusht-csv}: the Push-T human demonstrations as the original CSV export (the
 * repository ships them as LeRobot v3.0 in {@code data/pusht}, read with {@code type: lerobot}).
 * Keys: {@code path}, {@code first} (0), {@code limit} (90, the paper's max_train_episodes).
 */
public final class PushTCsvAdapter extends EpisodeRangeAdapter {

  public PushTCsvAdapter() {
    super("pusht-csv");
  }

  @Override
  protected EpisodeDataset open(Path path, DatasetSection section) {
    return PushTCsvDataset.load(path, section.integer("first", 0),
        section.integer("limit", PushTCsvDataset.PAPER_TRAIN_EPISODES));
  }
}
