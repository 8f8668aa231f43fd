package io.diffpilot.demos.dataset;

import io.diffpilot.core.Episode;
import io.diffpilot.core.EpisodeListDataset;
import java.util.List;
import java.util.Objects;

/**
 * A {@link DemoDataset} whose episodes were read and validated whole: they, the schema they were
 * checked against and the robot type are all it holds. The importers' datasets extend it.
 */
public abstract class LoadedDemoDataset extends EpisodeListDataset implements DemoDataset {
  private final String robotType;
  private final DatasetSchema schema;

  /**
   * @param description what the episodes are, without the count
   * @param robotType LeRobot's robot_type; null or empty when unknown
   * @param episodes already checked against {@code schema}
   */
  protected LoadedDemoDataset(String description, String robotType, DatasetSchema schema, List<Episode> episodes) {
    super(description, episodes);
    this.robotType = robotType == null ? "" : robotType;
    this.schema = Objects.requireNonNull(schema, "schema");
  }

  @Override
  public final DatasetSchema schema() {
    return schema;
  }

  @Override
  public final String robotType() {
    return robotType;
  }
}
