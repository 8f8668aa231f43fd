package io.diffpilot.demos.dataset;

import io.diffpilot.core.Episode;
import io.diffpilot.core.EpisodeListDataset;
import java.util.List;
import java.util.Objects;

/** A {@link DemoDataset} over validated episodes held in memory. */
final class InMemoryDataset extends EpisodeListDataset implements DemoDataset {
  private final String robotType;
  private final DatasetSchema schema;

  InMemoryDataset(String description, String robotType, DatasetSchema schema, List<Episode> episodes) {
    super(description, episodes);
    this.robotType = robotType == null ? "" : robotType;
    this.schema = Objects.requireNonNull(schema, "schema");
    for (Episode e : episodes()) {
      schema.check(e, description);
    }
  }

  @Override
  public DatasetSchema schema() {
    return schema;
  }

  @Override
  public String robotType() {
    return robotType;
  }
}
