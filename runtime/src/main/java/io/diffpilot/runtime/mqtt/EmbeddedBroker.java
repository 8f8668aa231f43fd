package io.diffpilot.runtime.mqtt;

import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Properties;

/**
 * The zero-setup broker: Moquette (MQTT 3.1.1) embedded in the JVM, bound to 127.0.0.1 only,
 * anonymous, in memory, with its telemetry off, and with two thread hand-offs per message taken
 * out ({@link MoquetteTuning}: one session loop, interceptor notifications inline). For anything
 * beyond one machine use a real broker (mosquitto) by URL.
 */
public final class EmbeddedBroker implements AutoCloseable {
  private Server server;
  private final int port;
  private boolean running;
  private MoquetteTuning.Applied tuning;

  private EmbeddedBroker(int port) {
    this.port = port;
  }

  /** Starts on {@code port} of 127.0.0.1; port 0 picks a free one. */
  public static EmbeddedBroker start(int port) throws IOException {
    int p = port == 0 ? freeLoopbackPort() : port;
    EmbeddedBroker b = new EmbeddedBroker(p);
    b.startServer();
    return b;
  }

  private void startServer() throws IOException {
    Properties props = new Properties();
    props.setProperty("host", "127.0.0.1");
    props.setProperty("port", Integer.toString(port));
    props.setProperty("websocket_port", "disabled");
    props.setProperty("allow_anonymous", "true");
    props.setProperty("persistence_enabled", "false");
    props.setProperty("telemetry_enabled", "false");
    props.setProperty("netty.mqtt.message_size", Integer.toString(ProtobufCodec.MAX_PAYLOAD_BYTES + 1024));
    props.setProperty("immediate_buffer_flush", "true");
    server = new Server(); // a stopped Moquette server cannot be started again
    server.startServer(new MemoryConfig(props));
    tuning = MoquetteTuning.apply(server);
    running = true;
  }

  /**
   * What {@link MoquetteTuning} could change in the running broker (both true with the pinned
   * Moquette 0.17; false where a field was not found and Moquette's default was kept).
   */
  public MoquetteTuning.Applied tuning() {
    return tuning;
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
    if (running) {
      server.stopServer();
      running = false;
    }
  }

  /** Starts it again on the same port after {@link #stop()}. */
  public synchronized void restart() throws IOException {
    if (!running) {
      startServer();
    }
  }

  @Override
  public void close() {
    stop();
  }
}
