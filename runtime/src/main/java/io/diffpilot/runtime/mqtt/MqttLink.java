package io.diffpilot.runtime.mqtt;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One MQTT 5 connection (Eclipse Paho v5) that survives broker restarts: automatic reconnection
 * with exponential back-off (1 s doubling to the configured ceiling) and, after every
 * (re)connection, a fresh subscription to every topic registered here, since a clean start forgets
 * them. Username/password and TLS with a CA file come from {@link BrokerConfig}.
 *
 * <p>MQTT 5 is used for what it adds over 3.1.1: message expiry and a trace id (user property
 * {@value #TRACE_ID}) on what is published ({@link Outbound}), response topic and correlation data
 * for request/response ({@link Inbound}), the session expiry of the {@link Session}, and reason
 * codes, which are logged wherever the broker gives one (refused connection, refused subscription,
 * refused QoS 1 publish, server-side disconnect). A payload larger than the wire format allows (or
 * than the broker's maximum packet size) is not sent: one warning per topic, then counted.
 *
 * <p>Received messages are handed to the handler on Paho's callback thread; the handler must not
 * block and must not throw (a throw would make Paho drop the connection, so it is caught here).
 */
final class MqttLink implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MqttLink.class);
  /** User property carrying a trace id from an observation to the chunk that answers it. */
  static final String TRACE_ID = "trace-id";

  /** Receives one message (topic and payload only). */
  interface Handler {
    void onMessage(String topic, byte[] payload);
  }

  /** Receives one message with its MQTT 5 properties. */
  interface InboundHandler {
    void onMessage(Inbound message);
  }

  /**
   * One received message.
   *
   * @param responseTopic where the sender wants the answer (null if none)
   * @param correlationData to be echoed in the answer (null if none)
   * @param traceId the {@value #TRACE_ID} user property (null if none)
   */
  record Inbound(String topic, byte[] payload, String responseTopic, byte[] correlationData, String traceId) {}

  /**
   * What to publish.
   *
   * @param expirySeconds message expiry interval: the broker drops it undelivered after this long
   *     (0: never expires)
   * @param responseTopic request/response: where to answer (null if none)
   * @param correlationData echoed by the responder (null if none)
   * @param traceId sent as user property {@value #TRACE_ID} (null if none)
   */
  record Outbound(String topic, byte[] payload, int qos, boolean retained, long expirySeconds, String responseTopic,
      byte[] correlationData, String traceId) {
    Outbound {
      Objects.requireNonNull(topic, "topic");
      Objects.requireNonNull(payload, "payload");
      if (qos < 0 || qos > 2) {
        throw new IllegalArgumentException("qos must be 0, 1 or 2");
      }
      if (expirySeconds < 0) {
        throw new IllegalArgumentException("expirySeconds must be >= 0");
      }
    }

    static Outbound of(String topic, byte[] payload, int qos, boolean retained) {
      return new Outbound(topic, payload, qos, retained, 0, null, null, null);
    }
  }

  /** A Last Will: what the broker publishes for us if we vanish. */
  record Will(String topic, byte[] payload, int qos, boolean retained) {}

  /**
   * How long the broker keeps this client's session (subscriptions and queued QoS ≥ 1 messages)
   * after the connection drops.
   *
   * @param cleanStart start from an empty session (true) or resume a kept one
   * @param expirySeconds 0: the session ends with the connection
   */
  record Session(boolean cleanStart, long expirySeconds) {
    Session {
      if (expirySeconds < 0) {
        throw new IllegalArgumentException("session expiry must be >= 0 s");
      }
    }

    /** Nothing kept: a controller or server that restarts must not be fed stale messages. */
    static final Session EPHEMERAL = new Session(true, 0);
  }

  private final BrokerConfig broker;
  private final MqttAsyncClient client;
  private final MqttConnectionOptions options;
  private final Map<String, Integer> subscriptions = new LinkedHashMap<>();
  private final InboundHandler handler;
  private final Consumer<Boolean> connectionListener;
  private final Set<String> oversizeWarned = ConcurrentHashMap.newKeySet();
  private final Set<String> refusalWarned = ConcurrentHashMap.newKeySet();
  private volatile long maxPayloadBytes = ProtobufCodec.MAX_PAYLOAD_BYTES;
  private final java.util.concurrent.atomic.AtomicLong oversizeDropped = new java.util.concurrent.atomic.AtomicLong();
  private volatile boolean closed;

  MqttLink(BrokerConfig broker, String clientId, Will will, Handler handler, Consumer<Boolean> connectionListener)
      throws IOException {
    this(broker, clientId, will, Session.EPHEMERAL, m -> handler.onMessage(m.topic(), m.payload()), connectionListener);
  }

  MqttLink(BrokerConfig broker, String clientId, Will will, Session session, InboundHandler handler,
      Consumer<Boolean> connectionListener) throws IOException {
    this.broker = Objects.requireNonNull(broker, "broker");
    this.handler = Objects.requireNonNull(handler, "handler");
    Objects.requireNonNull(session, "session");
    this.connectionListener = connectionListener == null ? c -> {} : connectionListener;
    try {
      client = new MqttAsyncClient(broker.url(), clientId, new MemoryPersistence());
    } catch (MqttException e) {
      throw new IOException("MQTT client for " + broker + ": " + ReasonCodes.describe(e), e);
    }
    options = new MqttConnectionOptions();
    options.setCleanStart(session.cleanStart());
    options.setSessionExpiryInterval(session.expirySeconds());
    options.setAutomaticReconnect(true);
    options.setAutomaticReconnectDelay(1, Math.max(1, broker.maxReconnectDelayMillis() / 1000));
    options.setConnectionTimeout(broker.connectTimeoutSeconds());
    options.setKeepAliveInterval(5);
    // Tell the broker our own limit, so it drops an oversize message instead of sending it.
    options.setMaximumPacketSize((long) EmbeddedBroker.MAX_PACKET_BYTES);
    if (broker.username() != null) {
      options.setUserName(broker.username());
    }
    if (broker.password() != null) {
      options.setPassword(broker.password().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    if (will != null) {
      MqttMessage w = new MqttMessage(will.payload());
      w.setQos(will.qos());
      w.setRetained(will.retained());
      options.setWill(will.topic(), w);
    }
    options.setSocketFactory(BrokerSockets.forBroker(broker));
    client.setCallback(new MqttCallback() {
      @Override
      public void connectComplete(boolean reconnect, String serverUri) {
        LOG.info("MQTT {} {}", reconnect ? "reconnected to" : "connected to", broker);
        resubscribe();
        MqttLink.this.connectionListener.accept(true);
      }

      @Override
      public void disconnected(MqttDisconnectResponse response) {
        LOG.warn("MQTT connection to {} lost ({}); reconnecting with back-off", broker, ReasonCodes.describe(response));
        MqttLink.this.connectionListener.accept(false);
      }

      @Override
      public void mqttErrorOccurred(MqttException e) {
        LOG.warn("MQTT error on {}: {}", broker, ReasonCodes.describe(e));
      }

      @Override
      public void messageArrived(String topic, MqttMessage message) {
        try {
          MqttLink.this.handler.onMessage(Mqtt5Messages.inbound(topic, message));
        } catch (RuntimeException e) {
          LOG.error("MQTT handler failed on {}; message dropped", topic, e);
        }
      }

      @Override
      public void deliveryComplete(IMqttToken token) {
        logRefusals("publish", token);
      }

      @Override
      public void authPacketArrived(int reasonCode, MqttProperties properties) {}
    });
  }

  /** Registers a topic filter; subscribed at every (re)connection, and at once if connected. */
  synchronized void subscribe(String topicFilter, int qos) {
    subscriptions.put(topicFilter, qos);
    if (client.isConnected()) {
      resubscribe();
    }
  }

  /**
   * Asks the broker to deliver packets up to {@code bytes} (default: what the wire format allows),
   * e.g. so that a service sees, counts and answers an oversize request instead of the broker
   * dropping it silently. Call before {@link #connect}.
   */
  void acceptPacketsUpTo(long bytes) {
    options.setMaximumPacketSize(bytes);
  }

  /** Connects, waiting up to the connect timeout; later losses are repaired automatically. */
  void connect() throws IOException {
    try {
      IMqttToken t = client.connect(options);
      t.waitForCompletion(broker.connectTimeoutSeconds() * 1000L + 1000L);
      MqttProperties connack = t.getResponseProperties();
      if (connack != null && connack.getMaximumPacketSize() != null) {
        // Leave room for the fixed header, topic and properties of our largest publish.
        maxPayloadBytes = Math.min(ProtobufCodec.MAX_PAYLOAD_BYTES, connack.getMaximumPacketSize() - 1024);
      }
    } catch (MqttException e) {
      throw new IOException("cannot connect to MQTT broker " + broker + ": " + ReasonCodes.describe(e), e);
    }
  }

  /**
   * {@link #connect}, closing the link (Paho's threads and persistence) when that fails, so that
   * a constructor which throws leaves nothing running.
   */
  void connectOrClose() throws IOException {
    try {
      connect();
    } catch (IOException e) {
      close();
      throw e;
    }
  }

  private synchronized void resubscribe() {
    if (subscriptions.isEmpty() || closed) {
      return;
    }
    MqttSubscription[] subs = subscriptions.entrySet().stream()
        .map(e -> new MqttSubscription(e.getKey(), e.getValue())).toArray(MqttSubscription[]::new);
    try {
      // Asynchronous: never wait inside a Paho callback; the broker's per-filter answer is checked.
      client.subscribe(subs, null, new MqttActionListener() {
        @Override
        public void onSuccess(IMqttToken token) {
          int[] codes = token.getReasonCodes();
          for (int i = 0; codes != null && i < codes.length && i < subs.length; i++) {
            if (codes[i] >= ReasonCodes.FIRST_FAILURE_CODE) {
              LOG.warn("MQTT broker {} refused the subscription to {}: reason code 0x{} ({})", broker,
                  subs[i].getTopic(), Integer.toHexString(codes[i]), ReasonCodes.name(codes[i]));
            }
          }
        }

        @Override
        public void onFailure(IMqttToken token, Throwable e) {
          LOG.warn("MQTT subscribe to {} failed: {}", topics(subs),
              e instanceof MqttException m ? ReasonCodes.describe(m) : String.valueOf(e));
        }
      }, (MqttProperties) null);
    } catch (MqttException e) {
      LOG.warn("MQTT subscribe to {} failed: {}", topics(subs), ReasonCodes.describe(e));
    }
  }

  private static String topics(MqttSubscription[] subs) {
    StringBuilder b = new StringBuilder();
    for (MqttSubscription s : subs) {
      b.append(b.length() == 0 ? "" : ", ").append(s.getTopic());
    }
    return b.toString();
  }

  /** Publishes without waiting for the broker; false (never a throw) if it could not be queued. */
  boolean publish(String topic, byte[] payload, int qos, boolean retained) {
    return publish(Outbound.of(topic, payload, qos, retained));
  }

  /** Publishes without waiting for the broker; false (never a throw) if it could not be queued. */
  boolean publish(Outbound out) {
    if (closed || !client.isConnected() || oversize(out)) {
      return false;
    }
    try {
      client.publish(out.topic(), Mqtt5Messages.outbound(out));
      return true;
    } catch (MqttException e) {
      LOG.debug("MQTT publish to {} failed: {}", out.topic(), ReasonCodes.describe(e));
      return false;
    } catch (RuntimeException e) {
      LOG.debug("MQTT publish to {} failed: {}", out.topic(), e.toString());
      return false;
    }
  }

  private boolean oversize(Outbound out) {
    if (out.payload().length <= maxPayloadBytes) {
      return false;
    }
    oversizeDropped.incrementAndGet();
    if (oversizeWarned.add(out.topic())) {
      LOG.warn("MQTT message to {} not sent: {} bytes exceed the limit of {} bytes (the wire format's, or the "
          + "broker's maximum packet size); further ones on this topic are only counted", out.topic(),
          out.payload().length, maxPayloadBytes);
    }
    return true;
  }

  /** A broker that refuses a QoS ≥ 1 publish (ACL, quota) says why in MQTT 5: log it once per topic and code. */
  private void logRefusals(String what, IMqttToken token) {
    int[] codes = token.getReasonCodes();
    if (codes == null) {
      return;
    }
    for (int code : codes) {
      if (code >= ReasonCodes.FIRST_FAILURE_CODE) {
        String topic = token.getTopics() != null && token.getTopics().length > 0 ? token.getTopics()[0] : "?";
        if (refusalWarned.add(topic + "/" + code)) {
          LOG.warn("MQTT broker {} refused a {} to {}: reason code 0x{} ({}); further refusals are not logged",
              broker, what, topic, Integer.toHexString(code), ReasonCodes.name(code));
        }
      }
    }
  }

  /** Messages refused locally because they were larger than the limit. */
  long oversizeDropped() {
    return oversizeDropped.get();
  }

  boolean isConnected() {
    return client.isConnected();
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (client.isConnected()) {
        client.disconnect(500).waitForCompletion(1500);
      }
    } catch (MqttException e) {
      LOG.debug("MQTT disconnect: {}", ReasonCodes.describe(e));
    }
    try {
      client.close(true);
    } catch (MqttException e) {
      LOG.debug("MQTT close: {}", ReasonCodes.describe(e));
    }
  }

  /** Publishes directly (without the closed check); used to send a final message before close. */
  boolean publishAndWait(String topic, byte[] payload, int qos, boolean retained, long timeoutMillis) {
    try {
      client.publish(topic, Mqtt5Messages.outbound(Outbound.of(topic, payload, qos, retained))).waitForCompletion(timeoutMillis);
      return true;
    } catch (MqttException | RuntimeException e) {
      return false;
    }
  }

  /** Drops the TCP connection without a DISCONNECT packet, as a crash would (tests of the Last Will). */
  void dropWithoutDisconnect() {
    closed = true;
    try {
      client.disconnectForcibly(0, 100, false);
      client.close(true);
    } catch (MqttException e) {
      LOG.debug("forced disconnect: {}", ReasonCodes.describe(e));
    }
  }

}
