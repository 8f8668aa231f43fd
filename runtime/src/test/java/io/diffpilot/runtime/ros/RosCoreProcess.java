package io.diffpilot.runtime.ros;

import io.diffpilot.runtime.ros.master.MasterClient;
import io.diffpilot.runtime.ros.master.MasterUnreachableException;
import io.diffpilot.runtime.ros.node.NodeConfig;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code roscore} on a free port for one test class, with ROS_HOME in a temp dir, and
 * helpers to run the ROS command-line tools against it. Stopped with SIGINT, as a user would.
 */
public final class RosCoreProcess implements AutoCloseable {

  private final int port;
  private final Path home;
  private Process process;

  public RosCoreProcess(Path tempDir) throws IOException, InterruptedException {
    this(tempDir, freePort());
  }

  public RosCoreProcess(Path tempDir, int port) throws IOException, InterruptedException {
    this.port = port;
    this.home = tempDir.resolve("rosHome");
    Files.createDirectories(home);
    start();
  }

  /** True when the Debian ROS 1 tools are installed (scripts/install-test-deps.sh). */
  public static boolean available() {
    return Files.isExecutable(Path.of("/usr/bin/roscore")) && Files.isExecutable(Path.of("/usr/bin/rostopic"));
  }

  public static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  public String masterUri() {
    return "http://127.0.0.1:" + port;
  }

  public Path home() {
    return home;
  }

  /** Starts roscore (again) and waits until the master answers. */
  public void start() throws IOException, InterruptedException {
    process = tool("roscore", "-p", String.valueOf(port))
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("roscore.out").toFile()))
        .start();
    MasterClient probe = new MasterClient(masterUri(), "/probe", Duration.ofSeconds(1));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      try {
        probe.getUri();
        if (probe.hasParam("/run_id")) { // set by roslaunch once the master is fully up
          return;
        }
      } catch (MasterUnreachableException e) {
        if (!process.isAlive()) {
          throw new IOException("roscore exited: " + Files.readString(home.resolve("roscore.out")));
        }
      }
      if (System.nanoTime() > deadline) {
        throw new IOException("roscore did not answer within 30 s");
      }
      Thread.sleep(100);
    }
  }

  /** SIGINT, then wait (SIGKILL after 20 s). */
  public void stop() throws IOException, InterruptedException {
    if (process == null || !process.isAlive()) {
      return;
    }
    interrupt(process);
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }

  /** Sends SIGINT to {@code p} (Process.destroy would send SIGTERM). */
  public static void interrupt(Process p) throws IOException, InterruptedException {
    new ProcessBuilder("kill", "-INT", String.valueOf(p.pid())).start().waitFor();
  }

  /** A node config for an in-process node named {@code name} on this master. */
  public NodeConfig nodeConfig(String name, String... args) {
    return NodeConfig.fromArgs(name, List.of(args), env(), new ArrayList<>()).withMasterPoll(Duration.ofMillis(300));
  }

  public Map<String, String> env() {
    return Map.of("ROS_MASTER_URI", masterUri(), "ROS_IP", "127.0.0.1", "ROS_HOME", home.toString(),
        "PATH", "/usr/bin:/bin:" + System.getenv().getOrDefault("PATH", ""));
  }

  /** A process builder for a ROS tool with this master's environment. */
  public ProcessBuilder tool(String... command) {
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().putAll(env());
    pb.directory(home.toFile());
    return pb;
  }

  /** Runs a tool to completion and returns stdout+stderr; fails on timeout. */
  public Result run(Duration timeout, String... command) throws IOException, InterruptedException {
    Path out = Files.createTempFile(home, "tool", ".out");
    Process p = tool(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      interrupt(p);
      if (!p.waitFor(5, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor();
      }
      return new Result(-1, Files.readString(out, StandardCharsets.UTF_8));
    }
    return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
  }

  /** Polls {@code condition} every 50 ms; fails the test naming {@code what} after {@code timeout}. */
  public static void await(String what, Duration timeout, java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout + " waiting for " + what);
      }
      Thread.sleep(50);
    }
  }

  /** Exit code (-1: timed out and interrupted) and output of a tool. */
  public record Result(int exitCode, String output) {}

  @Override
  public void close() throws IOException, InterruptedException {
    stop();
  }
}
