package io.diffpilot.demos.dataset;

import io.diffpilot.core.Episode;
import java.util.List;
import java.util.Objects;

/** A {@link DemoDataset} over validated episodes held in memory. */
final class InMemoryDataset implements DemoDataset {
  private final String description;
  private final String robotType;
  private final DatasetSchema schema;
  private final List<Episode> episodes;

  InMemoryDataset(String description, String robotType, DatasetSchema schema, List<Episode> episodes) {
    this.description = Objects.requireNonNull(description, "description");
    this.robotType = robotType == null ? "" : robotType;
    this.schema = Objects.requireNonNull(schema, "schema");
    this.episodes = List.copyOf(episodes);
    for (Episode e : this.episodes) {
      schema.check(e, description);
    }
  }

  @Override
  public int size() {
    return episodes.size();
  }

  @Override
  public Episode episode(int i) {
    return episodes.get(i);
  }

  @Override
  public DatasetSchema schema() {
    return schema;
  }

  @Override
  public String robotType() {
    return robotType;
  }

  @Override
  public String describe() {
    return description + " (" + episodes.size() + " episodes)";
  }
}
