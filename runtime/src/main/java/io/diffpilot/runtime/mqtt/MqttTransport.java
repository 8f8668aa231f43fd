package io.diffpilot.runtime.mqtt;

import io.diffpilot.core.Clock;
import io.diffpilot.runtime.transport.ControllerTransport;
import io.diffpilot.runtime.transport.OutgoingChunk;
import io.diffpilot.runtime.transport.RuntimeStatus;
import io.diffpilot.runtime.transport.TransportException;
import io.diffpilot.runtime.transport.TransportListener;
import java.io.IOException;
import java.util.Objects;
import java.util.UUID;

/**
 * The controller's side of MQTT + Protobuf for one robot: subscribes to
 * {@code diffpilot/<robot>/observation} (QoS 0) and {@code …/estop} (QoS 1, retained), publishes
 * {@code …/action_chunk} (QoS 1) and {@code …/status} (QoS 1, retained), and leaves a retained
 * OFFLINE status as its Last Will. Decoding happens on Paho's callback thread and never throws:
 * a bad payload becomes {@link TransportListener#onMalformed}; an estop payload that does not
 * decode engages the stop (fail safe).
 */
public final class MqttTransport implements ControllerTransport {
  private final BrokerConfig broker;
  private final Topics topics;
  private final Clock clock;
  private final ProtobufCodec codec = new ProtobufCodec();
  // Topic names built once: Topics builds a new String per call, and these are used per message.
  private final String observationTopic;
  private final String estopTopic;
  private final String chunkTopic;
  private final String statusTopic;
  private MqttLink link;
  private TransportListener listener;
  private volatile boolean offlineSent;

  public MqttTransport(BrokerConfig broker, Topics topics, Clock clock) {
    this.broker = Objects.requireNonNull(broker, "broker");
    this.topics = Objects.requireNonNull(topics, "topics");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.observationTopic = topics.observation();
    this.estopTopic = topics.estop();
    this.chunkTopic = topics.actionChunk();
    this.statusTopic = topics.status();
  }

  @Override
  public void start(TransportListener l) throws TransportException {
    if (link != null) {
      throw new IllegalStateException("already started");
    }
    this.listener = Objects.requireNonNull(l, "listener");
    String robot = topics.robotId();
    MqttLink.Will will = new MqttLink.Will(topics.status(),
        codec.encodeStatus(RuntimeStatus.offline(robot, 0).withDetail("controller connection lost (last will)")),
        Topics.STATUS_QOS, true);
    String clientId = "diffpilot-ctl-" + robot + "-" + UUID.randomUUID().toString().substring(0, 8);
    try {
      link = new MqttLink(broker, clientId, will, this::onMessage, connected -> listener.onConnectionChange(connected));
      link.subscribe(topics.observation(), Topics.OBSERVATION_QOS);
      link.subscribe(topics.estop(), Topics.ESTOP_QOS);
      link.connect();
    } catch (IOException e) {
      if (link != null) {
        link.close();
      }
      throw new TransportException(e.getMessage(), e);
    }
  }

  private void onMessage(String topic, byte[] payload) {
    long received = clock.nanos();
    String robot = topics.robotId();
    if (topic.equals(observationTopic)) {
      codec.decodeObservation(payload, robot)
          .ifOkOrElse(o -> listener.onObservation(robot, o, received), why -> listener.onMalformed(robot, why));
    } else if (topic.equals(estopTopic)) {
      Decoded<Boolean> d = codec.decodeEmergencyStop(payload, robot);
      if (!d.isOk()) {
        listener.onMalformed(robot, d.rejection() + "; treating it as an engaged emergency stop");
      }
      listener.onEmergencyStop(robot, !d.isOk() || d.value());
    } else {
      listener.onMalformed(robot, "message on unexpected topic " + topic);
    }
  }

  @Override
  public boolean publishChunk(OutgoingChunk chunk) {
    MqttLink l = link;
    return l != null && l.publish(chunkTopic, codec.encodeChunk(chunk), Topics.CHUNK_QOS, false);
  }

  @Override
  public boolean publishStatus(RuntimeStatus status) {
    MqttLink l = link;
    if (l == null) {
      return false;
    }
    byte[] payload = codec.encodeStatus(status);
    if (status.state() == RuntimeStatus.State.OFFLINE) {
      offlineSent = l.publishAndWait(statusTopic, payload, Topics.STATUS_QOS, true, 2000);
      return offlineSent;
    }
    return l.publish(statusTopic, payload, Topics.STATUS_QOS, true);
  }

  @Override
  public boolean isConnected() {
    MqttLink l = link;
    return l != null && l.isConnected();
  }

  /** Publishes a retained OFFLINE status (unless the loop already did), then disconnects. */
  @Override
  public void close() {
    MqttLink l = link;
    if (l == null) {
      return;
    }
    if (!offlineSent && l.isConnected()) {
      publishStatus(RuntimeStatus.offline(topics.robotId(), clock.nanos()));
    }
    l.close();
  }

  /** Simulates a crash: the connection drops without DISCONNECT, so the broker sends the Last Will. */
  void crashForTest() {
    if (link != null) {
      link.dropWithoutDisconnect();
    }
  }

  public Topics topics() {
    return topics;
  }
}
