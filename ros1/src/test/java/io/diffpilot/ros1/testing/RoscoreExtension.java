package io.diffpilot.ros1.testing;

import io.diffpilot.ros1.master.MasterClient;
import io.diffpilot.ros1.master.MasterUnreachableException;
import io.diffpilot.ros1.node.NodeConfig;
import io.diffpilot.ros1.testing.RoscoreExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Debian's real {@code roscore} on a free port for one test class, with ROS_HOME in a temp dir,
 * and helpers to run the ROS command-line tools against it. Register it on a static field:
 *
 * <pre>{@code @RegisterExtension static final RoscoreExtension core = new RoscoreExtension();}</pre>
 *
 * <p>The class is skipped where the ROS 1 tools are not installed (and fails under {@code CI=true},
 * see {@link RequiredTools}). roscore is stopped with SIGINT, as a user would, after the class.
 */
public final class RoscoreExtension implements BeforeAllCallback, AfterAllCallback {

  private Path home;
  private int port;
  private Process process;

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    RequiredTools.assumeInstalled(available(), "ROS 1 tools not installed (scripts/install-test-deps.sh)");
    home = Files.createTempDirectory("roscore-" + context.getRequiredTestClass().getSimpleName() + "-");
    port = freePort();
    start();
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    if (home == null) {
      return; // skipped: roscore never started
    }
    try {
      stop();
    } finally {
      deleteTree(home);
    }
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

  /** ROS_HOME of this roscore and of every tool started through {@link #tool}: logs land here. */
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

  /** SIGINT, then wait (SIGKILL after 20 s); roscore's children (rosmaster, rosout) follow it. */
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

  /** A process builder for a ROS tool with this master's environment, run in ROS_HOME. */
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

  /** Exit code (-1: timed out and interrupted) and output of a tool. */
  public record Result(int exitCode, String output) {}

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
  }
}
