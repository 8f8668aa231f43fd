package io.diffpilot.demos.rosbag;

import io.diffpilot.ros1.testing.RoscoreExtension;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs Debian's real ROS 1 tools (publishers, rosbag record) against the test class's roscore,
 * each logging to a file under its ROS_HOME. Every process started is stopped by its own handle;
 * the roscore is the extension's to stop.
 */
final class RosTools implements AutoCloseable {
  private final RoscoreExtension core;
  private final List<Process> processes = new ArrayList<>();

  RosTools(RoscoreExtension core) {
    this.core = core;
  }

  ProcessBuilder builder(String... command) {
    ProcessBuilder pb = core.tool(command);
    pb.redirectErrorStream(true);
    pb.redirectOutput(logFile(command, ".log"));
    return pb;
  }

  Process start(String... command) throws IOException {
    Process p = builder(command).start();
    processes.add(p);
    return p;
  }

  /** Runs a command to completion; its output goes to a log file under ROS_HOME. */
  int run(long timeoutSeconds, String... command) throws IOException, InterruptedException {
    Process p = start(command);
    if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s");
    }
    return p.exitValue();
  }

  /** Output of a command (stdout only). */
  String output(String... command) throws IOException, InterruptedException {
    ProcessBuilder pb = core.tool(command);
    pb.redirectOutput(ProcessBuilder.Redirect.PIPE);
    pb.redirectError(logFile(command, ".err"));
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes());
    p.waitFor(30, TimeUnit.SECONDS);
    return out;
  }

  private File logFile(String[] command, String suffix) {
    String program = Path.of(command[0]).getFileName().toString();
    return core.home().resolve(program + "-" + System.nanoTime() + suffix).toFile();
  }

  @Override
  public void close() throws InterruptedException {
    // Last started first: recorders and publishers, with their children.
    for (int i = processes.size() - 1; i >= 0; i--) {
      Process p = processes.get(i);
      if (!p.isAlive()) {
        continue;
      }
      p.descendants().forEach(ProcessHandle::destroy);
      p.destroy();
      if (!p.waitFor(5, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
  }
}
