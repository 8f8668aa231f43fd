package io.diffpilot.demos.cli;

import io.diffpilot.demos.dataset.DatasetFormatException;
import io.diffpilot.demos.dataset.DemoDataset;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code diffpilot demos validate DIR}: reads every file and frame with all checks (readable
 * Parquet, widths as declared, frames 0..n−1, increasing timestamps, finite values, frame totals
 * as in info.json), then the metadata reading does not need (episode total, statistics widths and
 * counts). Exit 0 when valid, 1 naming the file and place of each problem otherwise.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
    description = "Check a dataset completely; exit 1 naming the file and place of the first problem.")
final class ValidateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DIR", description = "dataset directory")
  Path dir;

  @Override
  public Integer call() {
    try {
      DemoDataset ds = DatasetDirectory.open(dir);
      if (ds instanceof io.diffpilot.demos.lerobot.LeRobotDataset l) {
        java.util.List<String> problems = l.checkMetadata();
        if (!problems.isEmpty()) {
          problems.forEach(p -> spec.commandLine().getErr().println("INVALID: " + io.diffpilot.demos.dataset.ErrorText.oneLine(p)));
          spec.commandLine().getErr().flush();
          return 1;
        }
      }
      spec.commandLine().getOut().println("OK: " + ds.describe() + ", " + ds.totalFrames() + " frames, "
          + ds.schema().features().size() + " features at " + ds.schema().fps() + " fps");
      spec.commandLine().getOut().flush();
      return 0;
    } catch (DatasetFormatException | IllegalArgumentException e) {
      spec.commandLine().getErr().println("INVALID: " + io.diffpilot.demos.dataset.ErrorText.oneLine(e.getMessage()));
      spec.commandLine().getErr().flush();
      return 1;
    }
  }
}
