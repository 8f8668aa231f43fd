package io.diffpilot.runtime.mqtt;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away anonymous mosquitto on a free 127.0.0.1 port, for the benchmarks (tools) and the fleet tests. Needs
 * Debian's {@code /usr/sbin/mosquitto}.
 */
public final class LocalMosquitto implements AutoCloseable {
  private static final Path BINARY = Path.of("/usr/sbin/mosquitto");
  private final Process process;
  private final int port;
  private final Path dir;

  private LocalMosquitto(Process process, int port, Path dir) {
    this.process = process;
    this.port = port;
    this.dir = dir;
  }

  public static boolean available() {
    return Files.isExecutable(BINARY);
  }

  public static LocalMosquitto start() throws IOException, InterruptedException {
    return start(EmbeddedBroker.freeLoopbackPort());
  }

  /** On a given port of 127.0.0.1, e.g. to restart a broker where its clients expect it. */
  public static LocalMosquitto start(int port) throws IOException, InterruptedException {
    if (!available()) {
      throw new IOException(BINARY + " not found (apt-get install mosquitto)");
    }
    Path dir = Files.createTempDirectory("diffpilot-mosquitto");
    Path conf = dir.resolve("mosquitto.conf");
    boolean root = "root".equals(System.getProperty("user.name"));
    Files.writeString(conf, (root ? "user root\n" : "") + "per_listener_settings true\npersistence false\nset_tcp_nodelay true\n"
        + "listener " + port + " 127.0.0.1\nallow_anonymous true\n");
    Process p = new ProcessBuilder(BINARY.toString(), "-c", conf.toString()).redirectErrorStream(true)
        .redirectOutput(dir.resolve("mosquitto.log").toFile()).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        throw new IOException("mosquitto exited: " + Files.readString(dir.resolve("mosquitto.log")));
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return new LocalMosquitto(p, port, dir);
      } catch (IOException notYet) {
        Thread.sleep(20);
      }
    }
    p.destroyForcibly();
    throw new IOException("mosquitto did not listen on " + port + " within 10 s");
  }

  /** The broker's process id (the benchmark reads its CPU time and context switches). */
  public long pid() {
    return process.pid();
  }

  public int port() {
    return port;
  }

  public String url() {
    return "tcp://127.0.0.1:" + port;
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(5, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
    try (var files = Files.list(dir)) {
      for (Path f : files.toList()) {
        Files.deleteIfExists(f);
      }
      Files.deleteIfExists(dir);
    } catch (IOException e) {
      // a temp folder left behind is harmless
    }
  }
}
