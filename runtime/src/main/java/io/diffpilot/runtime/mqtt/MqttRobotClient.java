package io.diffpilot.runtime.mqtt;

import io.diffpilot.core.Observation;
import io.diffpilot.runtime.transport.OutgoingChunk;
import io.diffpilot.runtime.transport.RuntimeStatus;
import java.io.IOException;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The robot's side of the MQTT protocol: publishes observations, receives action chunks and the
 * controller's status, and can press the emergency stop. Used by the simulated robot, the runtime
 * benchmark and the end-to-end tests; a real robot implements the same topics in its own stack.
 * Chunks that do not decode are counted ({@link #malformedCount()}) and dropped.
 */
public final class MqttRobotClient implements AutoCloseable {
  private final Topics topics;
  private final ProtobufCodec codec = new ProtobufCodec();
  private final MqttLink link;
  private final AtomicLong malformed = new AtomicLong();
  private final String observationTopic; // built once: used per message

  /**
   * @param onChunk called on the MQTT thread with each decoded chunk; must not block
   * @param onStatus called with each decoded status (may be null)
   */
  public MqttRobotClient(BrokerConfig broker, Topics topics, Consumer<OutgoingChunk> onChunk,
      Consumer<RuntimeStatus> onStatus) throws IOException {
    this.topics = Objects.requireNonNull(topics, "topics");
    Objects.requireNonNull(onChunk, "onChunk");
    this.observationTopic = topics.observation();
    String chunkTopic = topics.actionChunk();
    String statusTopic = topics.status();
    String clientId = "diffpilot-robot-" + topics.robotId() + "-" + UUID.randomUUID().toString().substring(0, 8);
    link = new MqttLink(broker, clientId, null, (topic, payload) -> {
      if (topic.equals(chunkTopic)) {
        codec.decodeChunk(payload, topics.robotId()).ifOkOrElse(onChunk, why -> malformed.incrementAndGet());
      } else if (topic.equals(statusTopic) && onStatus != null) {
        Decoded<RuntimeStatus> d = codec.decodeStatus(payload, topics.robotId());
        if (d.isOk()) {
          onStatus.accept(d.value());
        } else if (payload.length > 0) {
          malformed.incrementAndGet();
        }
      }
    }, null);
    link.subscribe(topics.actionChunk(), Topics.CHUNK_QOS);
    if (onStatus != null) {
      link.subscribe(topics.status(), Topics.STATUS_QOS);
    }
    link.connect();
  }

  /**
   * Publishes one observation (QoS 0, expiring after {@value Topics#OBSERVATION_EXPIRY_SECONDS} s,
   * trace id {@code <robot>/<sequence>}); false if not connected.
   */
  public boolean publishObservation(Observation observation) {
    return link.publish(new MqttLink.Outbound(observationTopic, codec.encodeObservation(topics.robotId(), observation),
        Topics.OBSERVATION_QOS, false, Topics.OBSERVATION_EXPIRY_SECONDS, null, null,
        topics.robotId() + "/" + observation.sequence()));
  }

  /** Publishes raw bytes on the observation topic (tests of malformed payloads). */
  public boolean publishRawObservation(byte[] payload) {
    return link.publish(topics.observation(), payload, Topics.OBSERVATION_QOS, false);
  }

  /** Engages or releases the emergency stop (retained, QoS 1). */
  public boolean publishEmergencyStop(boolean engaged, long stampNanos, String source) {
    return link.publish(topics.estop(), codec.encodeEmergencyStop(topics.robotId(), engaged, stampNanos, source),
        Topics.ESTOP_QOS, true);
  }

  public boolean isConnected() {
    return link.isConnected();
  }

  /** Observations not sent because they were larger than the wire format or the broker allows. */
  public long oversizeRefused() {
    return link.oversizeDropped();
  }

  public long malformedCount() {
    return malformed.get();
  }

  @Override
  public void close() {
    link.close();
  }
}
