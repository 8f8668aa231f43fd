package io.diffpilot.demos.lerobot;

import io.diffpilot.core.EpisodeDataset;
import io.diffpilot.core.data.DatasetSection;
import io.diffpilot.demos.dataset.EpisodeRangeAdapter;
import java.nio.file.Path;

/**
 * {@code type: lerobot}: a LeRobot dataset directory (v2.0, v2.1 or v3.0), such as the
 * repository's {@code data/pusht}. Keys: {@code path}, {@code first} (0) and {@code limit} (all):
 * episodes by position, as {@code pusht-csv} selects them.
 */
public final class LeRobotAdapter extends EpisodeRangeAdapter {

  public LeRobotAdapter() {
    super("lerobot");
  }

  @Override
  protected EpisodeDataset open(Path path, DatasetSection section) {
    LeRobotDataset all = LeRobotDataset.open(path);
    if (!section.has("first") && !section.has("limit")) {
      return all;
    }
    try {
      return all.slice(section.integer("first", 0), section.integer("limit", Integer.MAX_VALUE));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("dataset (" + type() + "): " + e.getMessage(), e);
    }
  }
}
