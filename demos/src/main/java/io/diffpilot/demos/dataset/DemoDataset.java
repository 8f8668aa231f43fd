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
   * Episodes {@code first} .. {@code first + limit − 1} (by position; each keeps its own index),
   * as the training configs' {@code first} and {@code limit} select them.
   *
   * @throws IllegalArgumentException if {@code first} is outside the dataset or {@code limit} &lt; 1
   */
  default DemoDataset slice(int first, int limit) {
    if (first < 0 || first >= size()) {
      throw new IllegalArgumentException("first episode " + first + " is outside " + describe());
    }
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, got " + limit);
    }
    int end = (int) Math.min((long) first + limit, size());
    java.util.List<Episode> chosen = new java.util.ArrayList<>();
    for (int i = first; i < end; i++) {
      chosen.add(episode(i));
    }
    String what = describe().replaceFirst(" \\(\\d+ episodes\\)$", "");
    return of(what + ", positions " + first + ".." + (end - 1), robotType(), schema(), chosen);
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
