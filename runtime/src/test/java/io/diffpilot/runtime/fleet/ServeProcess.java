package io.diffpilot.runtime.fleet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A real {@code diffpilot serve} JVM serving the fake model "fake" (obs 2 x 5, chunk 8 x 2, 0.1 ms per denoising step, per robot: the fake does not batch). */
final class ServeProcess implements AutoCloseable {
  private final Process process;
  private final Path log;

  ServeProcess(String brokerUrl, String name, int maxBatch) throws IOException, InterruptedException {
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    log = Files.createTempFile("diffpilot-serve-" + name + "-", ".log");
    process = new ProcessBuilder(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", cp,
        "io.diffpilot.runtime.cli.Main", "serve", "--broker", brokerUrl, "--fake", "fake=2,5,8,2,0.1",
        "--name", name, "--max-batch", Integer.toString(maxBatch)))
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (!output().lines().anyMatch(l -> l.startsWith("serving "))) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        process.destroyForcibly();
        throw new IOException("serve " + name + " did not start: " + output());
      }
      Thread.sleep(50);
    }
  }

  String output() throws IOException {
    return Files.readString(log, StandardCharsets.UTF_8);
  }

  /** SIGKILL: no shutdown hook, no DISCONNECT; the broker sees the socket close. */
  void kill9() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  /** SIGTERM, then the whole output (the last line holds the counts). */
  String stop() throws InterruptedException, IOException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
    return output();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  @Override
  public void close() throws InterruptedException, IOException {
    if (process.isAlive()) {
      stop();
    }
    Files.deleteIfExists(log);
  }
}
