package io.diffpilot.demos.cli;

import io.diffpilot.demos.dataset.DemoDataset;
import io.diffpilot.demos.lerobot.LeRobotLayout;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code diffpilot demos export DIR --out DIR2 --format v3.0|v2.1}. */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = "Export a dataset to LeRobot v3.0 or v2.1.")
final class ExportCommand extends DatasetCommand {
  @Parameters(index = "0", paramLabel = "DIR", description = "dataset directory (LeRobot or Push-T CSV)")
  Path dir;

  @Mixin
  LeRobotOutput output = new LeRobotOutput();

  @Option(names = "--format", defaultValue = "v3.0", description = "v3.0 or v2.1 (default ${DEFAULT-VALUE})")
  String format;

  @Override
  Integer execute() throws Exception {
    if (!format.equals(LeRobotLayout.V30) && !format.equals(LeRobotLayout.V21)) {
      throw usageError("--format must be v3.0 or v2.1");
    }
    DemoDataset ds = DatasetDirectory.open(dir);
    output.write(ds, format);
    report("exported " + ds.describe() + " -> " + output.out + " (LeRobot " + format + ")");
    return 0;
  }
}
