package io.diffpilot.tools.dist;

import java.io.IOException;
import java.net.InetAddress;
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
 * Runs an unpacked distribution's {@code bin/diffpilot} the way a user on a fresh machine would:
 * from a working folder outside the repository, with an empty HOME, empty DJL cache folders
 * (DJL_CACHE_DIR, ENGINE_CACHE_DIR) and HTTP(S) proxies on a closed local port, so any download
 * attempt fails instead of quietly succeeding. The environment is built from nothing (PATH holds
 * this JVM's java and /usr/bin:/bin, for bash and coreutils): no DJL_CACHE_DIR,
 * PYTORCH_LIBRARY_PATH or ~/.djl.ai of the developer can stand in for what the tarball must hold.
 * Every process it starts is killed, with its descendants, on timeout and on {@link #close()}.
 */
final class IsolatedLauncher implements AutoCloseable {
  private final Path launcher;
  private final Path sandbox;
  private final int closedPort;
  private final List<Process> started = new ArrayList<>();

  /**
   * @param distRoot the unpacked {@code diffpilot-<version>} folder
   * @param sandbox an empty folder for HOME, the caches, the working folder and the logs
   */
  IsolatedLauncher(Path distRoot, Path sandbox) throws IOException {
    this.launcher = distRoot.resolve("bin/diffpilot");
    this.sandbox = sandbox;
    for (Path p : List.of(home(), djlCache(), engineCache(), workDir())) {
      Files.createDirectories(p);
    }
    this.closedPort = closedLoopbackPort();
  }

  Path home() {
    return sandbox.resolve("home");
  }

  Path djlCache() {
    return sandbox.resolve("djl-cache");
  }

  Path engineCache() {
    return sandbox.resolve("engine-cache");
  }

  Path workDir() {
    return sandbox.resolve("work");
  }

  /** The output of a finished command (stdout and stderr interleaved). */
  record Finished(int exitCode, String output) {}

  /** Starts {@code bin/diffpilot args...}; its output goes to {@code <sandbox>/<logName>.log}. */
  Process start(String logName, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(launcher.toString());
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(workDir().toFile()).redirectErrorStream(true)
        .redirectOutput(log(logName).toFile());
    Map<String, String> env = pb.environment();
    env.clear();
    env.put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":/usr/bin:/bin");
    env.put("HOME", home().toString());
    env.put("LANG", "C.UTF-8");
    env.put("DJL_CACHE_DIR", djlCache().toString());
    env.put("ENGINE_CACHE_DIR", engineCache().toString());
    String proxy = "http://127.0.0.1:" + closedPort;
    for (String name : List.of("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY")) {
      env.put(name, proxy);
    }
    // Java ignores the *_proxy variables; these send its URL connections (DJL's downloads) to the same closed port.
    env.put("JAVA_OPTS", "-Dhttp.proxyHost=127.0.0.1 -Dhttp.proxyPort=" + closedPort
        + " -Dhttps.proxyHost=127.0.0.1 -Dhttps.proxyPort=" + closedPort);
    Process p = pb.start();
    synchronized (started) {
      started.add(p);
    }
    return p;
  }

  /**
   * Waits for {@code process} to exit; after {@code timeout} kills it and its descendants and
   * throws, with the tail of its log, so a hung command fails the test instead of the build.
   */
  Finished await(Process process, String logName, Duration timeout) throws IOException, InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      kill(process);
      throw new AssertionError("bin/diffpilot (" + logName + ") still running after " + timeout.toSeconds()
          + " s, killed; its output:\n" + tail(output(logName)));
    }
    return new Finished(process.exitValue(), output(logName));
  }

  /** Runs {@code bin/diffpilot args...} to the end (see {@link #await}). */
  Finished run(String logName, Duration timeout, String... args) throws IOException, InterruptedException {
    return await(start(logName, args), logName, timeout);
  }

  String output(String logName) throws IOException {
    Path log = log(logName);
    return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
  }

  /** The last 40 lines, for failure messages. */
  static String tail(String output) {
    String[] lines = output.split("\n");
    return String.join("\n", List.of(lines).subList(Math.max(0, lines.length - 40), lines.length));
  }

  private Path log(String logName) {
    return sandbox.resolve(logName + ".log");
  }

  private static void kill(Process p) throws InterruptedException {
    p.descendants().forEach(ProcessHandle::destroyForcibly);
    p.destroyForcibly();
    p.waitFor(10, TimeUnit.SECONDS);
  }

  /**
   * A loopback port nothing listens on: bound, then released. Another process could take it in
   * between, which would at worst let a download attempt reach it and fail differently.
   */
  private static int closedLoopbackPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() throws InterruptedException {
    synchronized (started) {
      for (Process p : started) {
        if (p.isAlive()) {
          kill(p);
        }
      }
      started.clear();
    }
  }
}
