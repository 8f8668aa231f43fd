package io.diffpilot.demos.lerobot;

import io.diffpilot.core.EpisodeDataset;
import io.diffpilot.core.data.DatasetAdapter;
import io.diffpilot.core.data.DatasetSection;
import java.util.Set;

/**
 * {@code type: lerobot}: a LeRobot dataset directory (v2.0, v2.1 or v3.0), such as the
 * repository's {@code data/pusht}. Keys: {@code path}, {@code first} (0) and {@code limit} (all):
 * episodes by position, as {@code pusht-csv} selects them.
 */
public final class LeRobotAdapter implements DatasetAdapter {

  private static final Set<String> KEYS = Set.of("path", "first", "limit");

  @Override
  public String type() {
    return "lerobot";
  }

  @Override
  public EpisodeDataset open(DatasetSection section) {
    section.requireOnly(KEYS);
    LeRobotDataset all = LeRobotDataset.open(section.path());
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
