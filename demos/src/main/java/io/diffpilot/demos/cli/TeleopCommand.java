package io.diffpilot.demos.cli;

import io.diffpilot.demos.teleop.TeleopServer;
import io.diffpilot.sim.cli.TaskOption;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code diffpilot teleop --task pusht --out DIR}: drive Push-T with the mouse in a browser and record. */
@Command(name = "teleop", mixinStandardHelpOptions = true,
    description = "Serve a page where the mouse drives the Push-T agent at 10 Hz; save or discard each episode.")
public final class TeleopCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin
  TaskOption task = new TaskOption();

  @Option(names = "--out", required = true, description = "dataset directory episodes are saved into")
  Path out;

  @Option(names = "--port", defaultValue = "8765", description = "port on 127.0.0.1 (default ${DEFAULT-VALUE})")
  int port;

  @Option(names = "--max-steps", defaultValue = "300", description = "steps per episode at most (default ${DEFAULT-VALUE})")
  int maxSteps;

  @Override
  public Integer call() throws Exception {
    if (!task.isPushT()) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--task: only pusht can be teleoperated");
    }
    try (TeleopServer server = new TeleopServer(port, out, maxSteps)) {
      spec.commandLine().getOut().println("teleoperation page: " + server.url() + "  (saving into " + out
          + ", Ctrl-C to stop)");
      spec.commandLine().getOut().flush();
      new CountDownLatch(1).await();
    }
    return 0;
  }
}
