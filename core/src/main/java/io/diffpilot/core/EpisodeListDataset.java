package io.diffpilot.core;

import java.util.List;
import java.util.Objects;

/**
 * An {@link EpisodeDataset} whose episodes are all loaded: one immutable list and a description.
 * Every dataset that reads or generates its episodes up front extends it, so that indexing and the
 * "(N episodes)" suffix of {@link #describe()} live in one place.
 */
public abstract class EpisodeListDataset implements EpisodeDataset {

  private final String description;
  private final List<Episode> episodes;

  /**
   * @param description what the episodes are, without the count ("pusht human demos 0..89")
   * @param episodes copied
   */
  protected EpisodeListDataset(String description, List<Episode> episodes) {
    this.description = Objects.requireNonNull(description, "description");
    this.episodes = List.copyOf(episodes);
  }

  @Override
  public final int size() {
    return episodes.size();
  }

  @Override
  public final Episode episode(int i) {
    return episodes.get(i);
  }

  /** The description given, then the episode count: "pusht human demos 0..89 (90 episodes)". */
  @Override
  public String describe() {
    return description + " (" + episodes.size() + " episodes)";
  }

  /** All episodes, in order. */
  protected final List<Episode> episodes() {
    return episodes;
  }
}
