package io.diffpilot.runtime.mqtt;

import io.diffpilot.core.Observation;
import io.diffpilot.runtime.transport.OutgoingChunk;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;

/**
 * A passive listener on one robot's MQTT traffic, for recorders and monitors: the robot's
 * observations, the action chunks it is sent, and text commands on {@code …/record}. Payloads are
 * decoded with {@link ProtobufCodec}'s strict rules; what does not decode goes to
 * {@link Listener#onMalformed} with the codec's reason, never an exception. Publishes nothing.
 */
public final class MqttStreamTap implements AutoCloseable {

  /** Observations are subscribed at QoS 1 when recording; see the constructor. */
  static final int RECORDING_OBSERVATION_QOS = 1;

  /** Receives decoded traffic on the MQTT callback thread; must not block for long. */
  public interface Listener {
    void onObservation(Observation observation);

    void onChunk(OutgoingChunk chunk);

    void onCommand(String text);

    void onMalformed(String topic, String why);
  }

  private final MqttLink link;

  public MqttStreamTap(BrokerConfig broker, Topics topics, Listener listener) throws IOException {
    Objects.requireNonNull(topics, "topics");
    Objects.requireNonNull(listener, "listener");
    ProtobufCodec codec = new ProtobufCodec();
    String clientId = "diffpilot-recorder-" + topics.robotId() + "-" + UUID.randomUUID().toString().substring(0, 8);
    link = new MqttLink(broker, clientId, null, (topic, payload) -> {
      if (topic.equals(topics.observation())) {
        codec.decodeObservation(payload, topics.robotId())
            .ifOkOrElse(listener::onObservation, why -> listener.onMalformed(topic, why));
      } else if (topic.equals(topics.actionChunk())) {
        codec.decodeChunk(payload, topics.robotId()).ifOkOrElse(listener::onChunk, why -> listener.onMalformed(topic, why));
      } else if (topic.equals(topics.record())) {
        try {
          listener.onCommand(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(payload)).toString());
        } catch (CharacterCodingException e) {
          listener.onMalformed(topic, "command is not UTF-8 text");
        }
      }
    }, null);
    // A recorder, unlike the controller, wants every observation the robot sends reliably: at
    // QoS 0 the broker may drop them under back-pressure (Moquette did), and a 'save' command
    // (QoS 2) could then close an episode whose steps never arrived. Robots publishing at QoS 0
    // still get QoS 0 (MQTT delivers at the lower of the two).
    link.subscribe(topics.observation(), RECORDING_OBSERVATION_QOS);
    link.subscribe(topics.actionChunk(), Topics.CHUNK_QOS);
    link.subscribe(topics.record(), Topics.RECORD_QOS);
    link.connectOrClose();
  }

  public boolean isConnected() {
    return link.isConnected();
  }

  @Override
  public void close() {
    link.close();
  }
}
