package io.diffpilot.demos.rosbag;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs Debian's real ROS 1 tools for tests: a private roscore on a free port (ROS_HOME in a temp
 * dir), publishers and rosbag record. Every process started is stopped by its own handle.
 */
final class RosTools implements AutoCloseable {
  private final Path home;
  private final int port;
  private final List<Process> processes = new ArrayList<>();
  private final Process core;

  RosTools(Path dir) throws IOException, InterruptedException {
    this.home = Files.createDirectories(dir.resolve("rosHome"));
    try (ServerSocket s = new ServerSocket(0)) {
      this.port = s.getLocalPort();
    }
    core = start("roscore", "-p", Integer.toString(port));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (true) {
      Process p = builder("rostopic", "list").start();
      if (p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0) {
        break;
      }
      p.destroyForcibly();
      if (System.nanoTime() > deadline || !core.isAlive()) {
        throw new IllegalStateException("roscore on port " + port + " did not come up; see " + home);
      }
      Thread.sleep(300);
    }
  }

  ProcessBuilder builder(String... command) {
    ProcessBuilder pb = new ProcessBuilder(command);
    Map<String, String> env = pb.environment();
    env.put("ROS_MASTER_URI", "http://127.0.0.1:" + port);
    env.put("ROS_IP", "127.0.0.1");
    env.put("ROS_HOME", home.toString());
    env.put("PATH", "/usr/bin:/bin:" + env.getOrDefault("PATH", ""));
    pb.redirectErrorStream(true);
    pb.redirectOutput(home.resolve(command[0] + "-" + System.nanoTime() + ".log").toFile());
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
    ProcessBuilder pb = builder(command);
    pb.redirectErrorStream(false);
    pb.redirectOutput(ProcessBuilder.Redirect.PIPE);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes());
    p.waitFor(30, TimeUnit.SECONDS);
    return out;
  }

  @Override
  public void close() throws InterruptedException {
    // Publishers first, then roscore (SIGINT is what roscore expects; its children follow it).
    for (int i = processes.size() - 1; i >= 0; i--) {
      Process p = processes.get(i);
      if (p == core || !p.isAlive()) {
        continue;
      }
      p.descendants().forEach(ProcessHandle::destroy);
      p.destroy();
      if (!p.waitFor(5, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
    List<ProcessHandle> coreChildren = core.descendants().toList();
    try {
      new ProcessBuilder("kill", "-INT", Long.toString(core.pid())).start().waitFor(5, TimeUnit.SECONDS);
    } catch (IOException e) {
      core.destroy();
    }
    if (!core.waitFor(15, TimeUnit.SECONDS)) {
      core.destroyForcibly();
    }
    for (ProcessHandle h : coreChildren) {
      if (h.isAlive()) {
        h.destroy();
      }
    }
  }
}
