package io.diffpilot.demos.dataset;

import io.diffpilot.core.Episode;
import io.diffpilot.core.EpisodeDataset;

/**
 * An {@link EpisodeDataset} of demonstrations with a fixed {@link DatasetSchema}: every episode
 * has the schema's observations ([T][d] each) and actions ([T][A]), sampled at {@code fps}.
 * Implementations load everything on open and validate it, so an open dataset is whole.
 */
public interface DemoDataset extends EpisodeDataset {

  DatasetSchema schema();

  /** Robot type as LeRobot's info.json names it ("so101_follower", "pusht"); may be empty. */
  default String robotType() {
    return "";
  }

  /** Frames over all episodes. */
  default long totalFrames() {
    long n = 0;
    for (int i = 0; i < size(); i++) {
      n += episode(i).length();
    }
    return n;
  }

  /**
   * A dataset over episodes in memory, each checked against {@code schema}.
   *
   * @throws DatasetFormatException naming {@code description} and the first bad episode
   */
  static DemoDataset of(String description, String robotType, DatasetSchema schema, java.util.List<Episode> episodes) {
    return new InMemoryDataset(description, robotType, schema, episodes);
  }
}
