package io.diffpilot.runtime.mqtt;

import io.diffpilot.ros1.testing.RequiredTools;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real mosquitto started by a test on free loopback ports, from a generated config: a password
 * file (mosquitto_passwd), an ACL, and a TLS listener with a self-signed CA-less server certificate
 * made with openssl (transports.md §5). Users: controller/ctlpw and robot/robotpw may read and
 * write diffpilot/#; viewer/viewpw may only read.
 *
 * <p>A JUnit 5 extension: {@code @RegisterExtension static final MosquittoProcess mosquitto = new
 * MosquittoProcess();} starts one broker for the test class, in a folder of its own, and stops it
 * after the last test; the class is skipped where mosquitto or openssl is missing.
 */
final class MosquittoProcess implements BeforeAllCallback, AfterAllCallback {
  private Path dir;
  private int plainPort;
  int tlsPort;
  private Process process;

  static boolean available() {
    return Files.isExecutable(Path.of("/usr/sbin/mosquitto")) && Files.isExecutable(Path.of("/usr/bin/mosquitto_passwd"))
        && Files.isExecutable(Path.of("/usr/bin/openssl"));
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    RequiredTools.assumeInstalled(available(), "mosquitto/openssl not installed: run scripts/install-test-deps.sh");
    dir = Files.createTempDirectory("mosquitto");
    configure();
    start();
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        kill();
      }
    }
    if (dir != null) {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  /** Ports, users, ACL, certificate and config file in {@code dir}. */
  private void configure() throws Exception {
    this.plainPort = EmbeddedBroker.freeLoopbackPort();
    this.tlsPort = EmbeddedBroker.freeLoopbackPort();
    Path passwd = dir.resolve("passwd");
    Files.createFile(passwd, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    run("/usr/bin/mosquitto_passwd", "-b", passwd.toString(), "controller", "ctlpw");
    run("/usr/bin/mosquitto_passwd", "-b", passwd.toString(), "robot", "robotpw");
    run("/usr/bin/mosquitto_passwd", "-b", passwd.toString(), "viewer", "viewpw");
    Files.writeString(dir.resolve("acl"), """
        user controller
        topic readwrite diffpilot/#

        user robot
        topic readwrite diffpilot/#

        user viewer
        topic read diffpilot/#
        """);
    run("/usr/bin/openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", dir.resolve("server.key").toString(),
        "-out", dir.resolve("server.crt").toString(), "-days", "2", "-subj", "/CN=127.0.0.1",
        "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost");
    boolean root = "root".equals(System.getProperty("user.name"));
    Files.writeString(dir.resolve("mosquitto.conf"), (root ? "user root\n" : "") + """
        per_listener_settings true
        persistence false
        set_tcp_nodelay true
        log_dest file %1$s/mosquitto.log
        listener %2$d 127.0.0.1
        allow_anonymous false
        password_file %1$s/passwd
        acl_file %1$s/acl
        listener %3$d 127.0.0.1
        allow_anonymous false
        password_file %1$s/passwd
        acl_file %1$s/acl
        certfile %1$s/server.crt
        keyfile %1$s/server.key
        """.formatted(dir, plainPort, tlsPort));
  }

  private static void run(String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException(String.join(" ", List.of(cmd)) + " failed");
    }
  }

  /** Starts (or restarts, after {@link #kill}) the broker and waits until both ports accept. */
  void start() throws Exception {
    process = new ProcessBuilder("/usr/sbin/mosquitto", "-c", dir.resolve("mosquitto.conf").toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile()).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException("mosquitto exited: " + Files.readString(dir.resolve("stdout.log")));
      }
      if (listening(plainPort) && listening(tlsPort)) {
        return;
      }
      Thread.sleep(20);
    }
    throw new IOException("mosquitto did not open its ports within 10 s");
  }

  private static boolean listening(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** SIGKILL: no goodbye to anyone, as a crashed or power-cycled broker. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  String plainUrl() {
    return "tcp://127.0.0.1:" + plainPort;
  }

  String tlsUrl() {
    return "ssl://127.0.0.1:" + tlsPort;
  }

  Path caFile() {
    return dir.resolve("server.crt");
  }
}
