package io.diffpilot.runtime.mqtt;

import io.diffpilot.runtime.fleet.InferenceClient;
import io.diffpilot.runtime.fleet.InferenceReply;
import io.diffpilot.runtime.fleet.InferenceRequest;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A robot controller's connection to the inference services: publishes each request on
 * {@link InferenceTopics#request()} with its reply topic as MQTT 5 response topic, an 8-byte
 * correlation id, a 1 s message expiry and a trace id ({@code <robot>/<n>}), and completes the
 * matching future when the reply arrives. Replies to abandoned (timed-out) requests are dropped.
 */
public final class MqttInferenceClient implements InferenceClient {
  private static final Logger LOG = LoggerFactory.getLogger(MqttInferenceClient.class);

  private final InferenceTopics topics;
  private final String robotId;
  private final String replyTopic;
  private final InferenceCodec codec = new InferenceCodec();
  private final MqttLink link;
  private final AtomicLong nextId = new AtomicLong();
  private final Map<Long, CompletableFuture<InferenceReply>> pending = new ConcurrentHashMap<>();
  private final AtomicLong lateReplies = new AtomicLong();

  public MqttInferenceClient(BrokerConfig broker, InferenceTopics topics, String robotId) throws IOException {
    this.topics = Objects.requireNonNull(topics, "topics");
    this.robotId = Objects.requireNonNull(robotId, "robotId");
    this.replyTopic = topics.reply(robotId);
    String clientId = "diffpilot-infer-" + robotId + "-" + UUID.randomUUID().toString().substring(0, 8);
    link = new MqttLink(broker, clientId, null, MqttLink.Session.EPHEMERAL, this::onReply, null);
    link.subscribe(replyTopic, InferenceTopics.QOS);
    link.connectOrClose();
  }

  @Override
  public CompletableFuture<InferenceReply> request(InferenceRequest request) {
    long id = nextId.incrementAndGet();
    CompletableFuture<InferenceReply> f = new CompletableFuture<>();
    pending.put(id, f);
    boolean sent = link.publish(new MqttLink.Outbound(topics.request(), codec.encodeRequest(request),
        InferenceTopics.QOS, false, InferenceTopics.EXPIRY_SECONDS, replyTopic, correlation(id), robotId + "/" + id));
    if (!sent) {
      pending.remove(id);
      f.completeExceptionally(new IOException("inference request not sent: not connected to the broker"));
    }
    return f;
  }

  @Override
  public void abandon(CompletableFuture<InferenceReply> f) {
    pending.values().remove(f);
  }

  private void onReply(MqttLink.Inbound m) {
    if (m.correlationData() == null || m.correlationData().length != Long.BYTES) {
      LOG.debug("reply on {} without our correlation data: dropped", m.topic());
      return;
    }
    CompletableFuture<InferenceReply> f = pending.remove(ByteBuffer.wrap(m.correlationData()).getLong());
    if (f == null) {
      lateReplies.incrementAndGet(); // the robot gave up on it (timeout) or it is a duplicate
      return;
    }
    Decoded<InferenceReply> d = codec.decodeReply(m.payload());
    f.complete(d.isOk() ? d.value() : InferenceReply.refused(robotId, d.rejection()));
  }

  /** Replies that arrived after their request was abandoned. */
  public long lateReplies() {
    return lateReplies.get();
  }

  public boolean isConnected() {
    return link.isConnected();
  }

  private static byte[] correlation(long id) {
    return ByteBuffer.allocate(Long.BYTES).putLong(id).array();
  }

  @Override
  public void close() {
    link.close();
    pending.values().forEach(f -> f.completeExceptionally(new IOException("inference client closed")));
    pending.clear();
  }
}
