package io.diffpilot.runtime.mqtt;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import javax.net.SocketFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One MQTT connection (Eclipse Paho, MQTT 3.1.1) that survives broker restarts: automatic
 * reconnection with exponential back-off (1 s doubling to the configured ceiling) and, after every
 * (re)connection, a fresh subscription to every topic registered here, since a clean session
 * forgets them. Username/password and TLS with a CA file come from {@link BrokerConfig}.
 *
 * <p>Received messages are handed to the handler on Paho's callback thread; the handler must not
 * block and must not throw (a throw would make Paho drop the connection, so it is caught here).
 */
final class MqttLink implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MqttLink.class);

  /** Receives one message. */
  interface Handler {
    void onMessage(String topic, byte[] payload);
  }

  /** A Last Will: what the broker publishes for us if we vanish. */
  record Will(String topic, byte[] payload, int qos, boolean retained) {}

  private final BrokerConfig broker;
  private final MqttAsyncClient client;
  private final MqttConnectOptions options;
  private final Map<String, Integer> subscriptions = new LinkedHashMap<>();
  private final Handler handler;
  private final Consumer<Boolean> connectionListener;
  private volatile boolean closed;

  MqttLink(BrokerConfig broker, String clientId, Will will, Handler handler, Consumer<Boolean> connectionListener)
      throws IOException {
    this.broker = Objects.requireNonNull(broker, "broker");
    this.handler = Objects.requireNonNull(handler, "handler");
    this.connectionListener = connectionListener == null ? c -> {} : connectionListener;
    try {
      client = new MqttAsyncClient(broker.url(), clientId, new MemoryPersistence());
    } catch (MqttException e) {
      throw new IOException("MQTT client for " + broker + ": " + e.getMessage(), e);
    }
    options = new MqttConnectOptions();
    options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
    options.setCleanSession(true);
    options.setAutomaticReconnect(true);
    options.setMaxReconnectDelay(broker.maxReconnectDelayMillis());
    options.setConnectionTimeout(broker.connectTimeoutSeconds());
    options.setKeepAliveInterval(5);
    options.setMaxInflight(1000);
    if (broker.username() != null) {
      options.setUserName(broker.username());
    }
    if (broker.password() != null) {
      options.setPassword(broker.password().toCharArray());
    }
    if (will != null) {
      options.setWill(will.topic(), will.payload(), will.qos(), will.retained());
    }
    options.setSocketFactory(broker.isTls() ? new NoDelaySslSocketFactory(socketFactory(broker))
        : new NoDelaySocketFactory(SocketFactory.getDefault()));
    client.setCallback(new MqttCallbackExtended() {
      @Override
      public void connectComplete(boolean reconnect, String serverUri) {
        LOG.info("MQTT {} {}", reconnect ? "reconnected to" : "connected to", broker);
        resubscribe();
        MqttLink.this.connectionListener.accept(true);
      }

      @Override
      public void connectionLost(Throwable cause) {
        LOG.warn("MQTT connection to {} lost ({}); reconnecting with back-off", broker,
            cause == null ? "no cause" : cause.getMessage());
        MqttLink.this.connectionListener.accept(false);
      }

      @Override
      public void messageArrived(String topic, MqttMessage message) {
        try {
          MqttLink.this.handler.onMessage(topic, message.getPayload());
        } catch (RuntimeException e) {
          LOG.error("MQTT handler failed on {}; message dropped", topic, e);
        }
      }

      @Override
      public void deliveryComplete(IMqttDeliveryToken token) {}
    });
  }

  /** Registers a topic filter; subscribed at every (re)connection, and at once if connected. */
  synchronized void subscribe(String topicFilter, int qos) {
    subscriptions.put(topicFilter, qos);
    if (client.isConnected()) {
      resubscribe();
    }
  }

  /** Connects, waiting up to the connect timeout; later losses are repaired automatically. */
  void connect() throws IOException {
    try {
      client.connect(options).waitForCompletion(broker.connectTimeoutSeconds() * 1000L + 1000L);
    } catch (MqttException e) {
      throw new IOException("cannot connect to MQTT broker " + broker + ": " + describe(e), e);
    }
  }

  private synchronized void resubscribe() {
    if (subscriptions.isEmpty() || closed) {
      return;
    }
    String[] topics = subscriptions.keySet().toArray(new String[0]);
    int[] qos = subscriptions.values().stream().mapToInt(Integer::intValue).toArray();
    try {
      client.subscribe(topics, qos); // asynchronous: never wait inside a Paho callback
    } catch (MqttException e) {
      LOG.warn("MQTT subscribe to {} failed: {}", String.join(", ", topics), describe(e));
    }
  }

  /** Publishes without waiting for the broker; false (never a throw) if it could not be queued. */
  boolean publish(String topic, byte[] payload, int qos, boolean retained) {
    if (closed || !client.isConnected()) {
      return false;
    }
    try {
      client.publish(topic, payload, qos, retained);
      return true;
    } catch (MqttException | RuntimeException e) {
      LOG.debug("MQTT publish to {} failed: {}", topic, e.getMessage());
      return false;
    }
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
      LOG.debug("MQTT disconnect: {}", e.getMessage());
    }
    try {
      client.close(true);
    } catch (MqttException e) {
      LOG.debug("MQTT close: {}", e.getMessage());
    }
  }

  /** Publishes directly (without the closed check); used to send a final message before close. */
  boolean publishAndWait(String topic, byte[] payload, int qos, boolean retained, long timeoutMillis) {
    try {
      client.publish(topic, payload, qos, retained).waitForCompletion(timeoutMillis);
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
      LOG.debug("forced disconnect: {}", e.getMessage());
    }
  }

  private static String describe(MqttException e) {
    return e.getMessage() + " (reason " + e.getReasonCode() + ")";
  }

  /** A socket factory trusting only the CA in {@code broker.caFile()} (or the JVM default). */
  static SSLSocketFactory socketFactory(BrokerConfig broker) throws IOException {
    try {
      SSLContext ctx = SSLContext.getInstance("TLSv1.2");
      if (broker.caFile() == null) {
        ctx.init(null, null, null);
        return ctx.getSocketFactory();
      }
      KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
      trust.load(null, null);
      CertificateFactory cf = CertificateFactory.getInstance("X.509");
      int n = 0;
      try (InputStream in = Files.newInputStream(broker.caFile())) {
        for (Certificate c : cf.generateCertificates(in)) {
          trust.setCertificateEntry("ca-" + n++, c);
        }
      }
      if (n == 0) {
        throw new IOException("CA file " + broker.caFile() + " holds no certificate");
      }
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      ctx.init(null, tmf.getTrustManagers(), null);
      return ctx.getSocketFactory();
    } catch (GeneralSecurityException e) {
      throw new IOException("TLS set-up with CA file " + broker.caFile() + " failed: " + e.getMessage(), e);
    }
  }
}
