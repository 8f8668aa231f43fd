package io.diffpilot.demos.dataset;

import io.diffpilot.core.EpisodeDataset;
import io.diffpilot.core.data.DatasetAdapter;
import io.diffpilot.core.data.DatasetSection;
import java.nio.file.Path;
import java.util.Set;

/**
 * A {@code dataset:} type read from one directory whose episodes are chosen by position, as the
 * demonstration formats are: keys {@code path}, {@code first} and {@code limit}, no others.
 */
public abstract class EpisodeRangeAdapter implements DatasetAdapter {

  private static final Set<String> KEYS = Set.of("path", "first", "limit");

  private final String type;

  protected EpisodeRangeAdapter(String type) {
    this.type = type;
  }

  @Override
  public final String type() {
    return type;
  }

  @Override
  public final EpisodeDataset open(DatasetSection section) {
    section.requireOnly(KEYS);
    return open(section.path(), section);
  }

  /** The dataset at {@code path}, its episodes cut to the section's {@code first} and {@code limit}. */
  protected abstract EpisodeDataset open(Path path, DatasetSection section);
}
