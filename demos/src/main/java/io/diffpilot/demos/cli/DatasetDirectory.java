package io.diffpilot.demos.cli;

import io.diffpilot.demos.dataset.DemoDataset;
import io.diffpilot.demos.lerobot.LeRobotDataset;
import io.diffpilot.demos.lerobot.LeRobotLayout;
import io.diffpilot.demos.pusht.PushTCsvDataset;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opens a dataset directory by what it contains: a LeRobot layout or the Push-T CSV export. */
final class DatasetDirectory {
  private DatasetDirectory() {}

  static DemoDataset open(Path path) {
    if (Files.isRegularFile(path.resolve(LeRobotLayout.INFO))) {
      return LeRobotDataset.open(path);
    }
    if (Files.isRegularFile(path.resolve(PushTCsvDataset.REPLAY_CSV))) {
      return PushTCsvDataset.load(path);
    }
    throw new IllegalArgumentException(path + " is neither a LeRobot dataset (no " + LeRobotLayout.INFO
        + ") nor a Push-T CSV folder (no " + PushTCsvDataset.REPLAY_CSV + ")");
  }
}
