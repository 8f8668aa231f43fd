package io.diffpilot.demos.dataset;

import io.diffpilot.core.Episode;
import java.util.List;

/** A {@link DemoDataset} over episodes held in memory, each checked against the schema on construction. */
final class InMemoryDataset extends LoadedDemoDataset {

  InMemoryDataset(String description, String robotType, DatasetSchema schema, List<Episode> episodes) {
    super(description, robotType, schema, episodes);
    for (Episode e : episodes()) {
      schema.check(e, description);
    }
  }
}
