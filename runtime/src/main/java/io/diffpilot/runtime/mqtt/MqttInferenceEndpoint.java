package io.diffpilot.runtime.mqtt;

import io.diffpilot.runtime.fleet.InferenceEndpoint;
import java.io.IOException;
import java.util.Objects;
import java.util.UUID;

/**
 * A serve process's MQTT side: takes requests through the shared subscription
 * {@link InferenceTopics#sharedRequest()} (the broker gives each request to one member of the
 * group, and stops giving any to a member whose connection is gone), and answers on each request's
 * response topic with its correlation data and trace id, QoS 0, 1 s expiry. Accepts packets up to
 * 16 MiB so that an oversize request is seen, counted and refused rather than silently dropped by
 * the broker. Session: clean start, expiry 0, so nothing queues for a dead server.
 */
public final class MqttInferenceEndpoint implements InferenceEndpoint {
  /** Largest packet the service accepts from the broker (larger ones the broker drops). */
  static final long MAX_ACCEPTED_PACKET_BYTES = 16L << 20;

  private final BrokerConfig broker;
  private final InferenceTopics topics;
  private final String clientId;
  private final InferenceCodec codec = new InferenceCodec();
  private MqttLink link;

  public MqttInferenceEndpoint(BrokerConfig broker, InferenceTopics topics, String name) {
    this.broker = Objects.requireNonNull(broker, "broker");
    this.topics = Objects.requireNonNull(topics, "topics");
    this.clientId = "diffpilot-serve-" + name + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @Override
  public void start(Handler handler) throws IOException {
    Objects.requireNonNull(handler, "handler");
    link = new MqttLink(broker, clientId, null, MqttLink.Session.EPHEMERAL, m -> onRequest(m, handler), null);
    link.acceptPacketsUpTo(MAX_ACCEPTED_PACKET_BYTES);
    link.subscribe(topics.sharedRequest(), InferenceTopics.QOS);
    link.connectOrClose();
  }

  private void onRequest(MqttLink.Inbound m, Handler handler) {
    long received = System.nanoTime();
    Replier reply = m.responseTopic() == null ? null : r -> link.publish(new MqttLink.Outbound(m.responseTopic(),
        codec.encodeReply(r), InferenceTopics.QOS, false, InferenceTopics.EXPIRY_SECONDS, null, m.correlationData(),
        m.traceId()));
    Decoded<io.diffpilot.runtime.fleet.InferenceRequest> d = codec.decodeRequest(m.payload());
    if (!d.isOk()) {
      handler.onMalformed(d.rejection(), reply, m.traceId());
    } else if (reply == null) {
      handler.onMalformed("request from " + d.value().robotId() + " names no response topic", null, m.traceId());
    } else {
      handler.onRequest(d.value(), reply, received, m.traceId());
    }
  }

  public boolean isConnected() {
    return link != null && link.isConnected();
  }

  @Override
  public void close() {
    if (link != null) {
      link.close();
    }
  }
}
