package io.diffpilot.core;

import java.util.List;

/**
 * A finite, indexable set of episodes: what training reads. {@code demos} datasets (LeRobot,
 * Push-T CSV, rosbag imports) and {@code sim}'s scripted demonstrations implement it.
 */
public interface EpisodeDataset {

  /** Number of episodes. */
  int size();

  /** Episode {@code i}, 0 ≤ i < size(). */
  Episode episode(int i);

  /** Short human-readable description for model cards and logs ("pusht human demos, 90 episodes"). */
  default String describe() {
    return getClass().getSimpleName() + " (" + size() + " episodes)";
  }

  /** A dataset over episodes already in memory. */
  static EpisodeDataset of(String description, List<Episode> episodes) {
    return new EpisodeListDataset(description, episodes) {};
  }
}
