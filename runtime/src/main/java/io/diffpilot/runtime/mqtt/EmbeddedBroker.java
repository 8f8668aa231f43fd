package io.diffpilot.runtime.mqtt;

import com.hivemq.embedded.EmbeddedHiveMQ;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The zero-setup broker: HiveMQ Community Edition (MQTT 5 and 3.1.1, shared subscriptions)
 * embedded in the JVM, bound to 127.0.0.1 only, anonymous, in memory, with its usage statistics
 * off. A client's packet larger than {@link #MAX_PACKET_BYTES} is refused by the broker (the
 * client is disconnected with reason code 0x95, "packet too large"); MQTT 5 clients learn the limit
 * at connection and never send one (see {@link MqttLink}). For anything beyond one machine use a
 * real broker (mosquitto, EMQX, VerneMQ, HiveMQ) by URL.
 */
public final class EmbeddedBroker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);
  /** Largest MQTT packet accepted: the codec's payload limit plus room for topic and properties. */
  public static final int MAX_PACKET_BYTES = ProtobufCodec.MAX_PAYLOAD_BYTES + 4096;
  private static final long START_TIMEOUT_SECONDS = 120; // 1–3 s normally; minutes on a starved machine

  private final int port;
  private final Path home;
  private EmbeddedHiveMQ server;

  private EmbeddedBroker(int port, Path home) {
    this.port = port;
    this.home = home;
  }

  /** Starts on {@code port} of 127.0.0.1; port 0 picks a free one. */
  public static EmbeddedBroker start(int port) throws IOException {
    int p = port == 0 ? freeLoopbackPort() : port;
    EmbeddedBroker b = new EmbeddedBroker(p, Files.createTempDirectory("diffpilot-broker-"));
    try {
      b.writeConfig();
      b.startServer();
    } catch (IOException | RuntimeException e) {
      b.deleteHome();
      throw e;
    }
    return b;
  }

  private void writeConfig() throws IOException {
    Path conf = Files.createDirectories(home.resolve("conf"));
    Files.createDirectories(home.resolve("data"));
    Files.createDirectories(home.resolve("extensions"));
    Files.writeString(conf.resolve("config.xml"), """
        <?xml version="1.0"?>
        <hivemq>
          <listeners>
            <tcp-listener><port>%d</port><bind-address>127.0.0.1</bind-address></tcp-listener>
          </listeners>
          <mqtt>
            <packets><max-packet-size>%d</max-packet-size></packets>
          </mqtt>
          <persistence><mode>in-memory</mode></persistence>
          <anonymous-usage-statistics><enabled>false</enabled></anonymous-usage-statistics>
        </hivemq>
        """.formatted(port, MAX_PACKET_BYTES));
    // HiveMQ resets logback from <conf>/logback.xml when it starts; hand it ours so the process
    // keeps one format and the broker's per-client chatter stays at WARN.
    try (InputStream in = EmbeddedBroker.class.getResourceAsStream(io.diffpilot.runtime.DiffPilotLogging.RESOURCE)) {
      if (in != null) {
        Files.copy(in, conf.resolve("logback.xml"), StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  private void startServer() throws IOException {
    EmbeddedHiveMQ s = EmbeddedHiveMQ.builder()
        .withConfigurationFolder(home.resolve("conf"))
        .withDataFolder(home.resolve("data"))
        .withExtensionsFolder(home.resolve("extensions"))
        .build();
    try {
      s.start().get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException | CompletionException e) {
      closeQuietly(s);
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new IOException("embedded MQTT broker on 127.0.0.1:" + port + " did not start: " + cause.getMessage(), e);
    } catch (TimeoutException e) {
      closeQuietly(s);
      throw new IOException("embedded MQTT broker on 127.0.0.1:" + port + " did not start within "
          + START_TIMEOUT_SECONDS + " s");
    } catch (InterruptedException e) {
      closeQuietly(s);
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while starting the embedded MQTT broker");
    }
    server = s;
  }

  /** A free TCP port on the loopback interface (tests, the quickstart, the benchmark). */
  public static int freeLoopbackPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    }
  }

  public String url() {
    return "tcp://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  /** Stops the broker (clients see the connection drop), e.g. to test reconnection. */
  public synchronized void stop() {
    if (server != null) {
      closeQuietly(server);
      server = null;
    }
  }

  /** Starts it again on the same port after {@link #stop()}. */
  public synchronized void restart() throws IOException {
    if (server == null) {
      startServer();
    }
  }

  @Override
  public void close() {
    stop();
    deleteHome();
  }

  private static void closeQuietly(EmbeddedHiveMQ s) {
    try {
      s.close();
    } catch (ExecutionException | RuntimeException e) {
      LOG.warn("embedded MQTT broker did not stop cleanly: {}", e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void deleteHome() {
    try (Stream<Path> files = Files.walk(home)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> {
        try {
          Files.deleteIfExists(f);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (IOException | UncheckedIOException e) {
      LOG.debug("embedded broker folder {} not removed: {}", home, e.getMessage());
    }
  }
}
