package io.diffpilot.runtime.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.diffpilot.core.SamplerKind;
import io.diffpilot.runtime.mqtt.InferenceCodec;
import io.diffpilot.runtime.mqtt.InferenceTopics;
import io.diffpilot.ros1.testing.RequiredTools;
import io.diffpilot.runtime.mqtt.LocalMosquitto;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.Test;

/**
 * A real {@code serve} behind mosquitto, fed bad requests by a raw MQTT 5 client: each is a
 * counted fault and an error reply naming the problem; the process stays up and a good request
 * after them is still answered with a chunk (nothing stuck in a batch).
 */
class ServeBadRequestsTest {
  private static final InferenceCodec CODEC = new InferenceCodec();

  @Test
  void badRequestsAreCountedAndRefusedAndAGoodOneIsStillAnswered() throws Exception {
    RequiredTools.assumeInstalled(LocalMosquitto.available(), "mosquitto not installed: run scripts/install-test-deps.sh");
    InferenceTopics topics = InferenceTopics.defaults();
    Map<Long, String> errors = new ConcurrentHashMap<>();
    Map<Long, InferenceReply> chunks = new ConcurrentHashMap<>();
    try (LocalMosquitto broker = LocalMosquitto.start();
        ServeProcess serve = new ServeProcess(broker.url(), "bad", 8)) {
      MqttClient client = new MqttClient(broker.url(), "bad-requester", new MemoryPersistence());
      client.setCallback(new org.eclipse.paho.mqttv5.client.MqttCallback() {
        @Override
        public void messageArrived(String topic, MqttMessage m) {
          long id = ByteBuffer.wrap(m.getProperties().getCorrelationData()).getLong();
          var d = CODEC.decodeReply(m.getPayload());
          if (d.isOk() && d.value().isError()) {
            errors.put(id, d.value().error());
          } else if (d.isOk()) {
            chunks.put(id, d.value());
          } else {
            errors.put(id, "undecodable reply: " + d.rejection());
          }
        }

        @Override
        public void disconnected(org.eclipse.paho.mqttv5.client.MqttDisconnectResponse r) {}

        @Override
        public void mqttErrorOccurred(org.eclipse.paho.mqttv5.common.MqttException e) {}

        @Override
        public void deliveryComplete(org.eclipse.paho.mqttv5.client.IMqttToken t) {}

        @Override
        public void connectComplete(boolean reconnect, String uri) {}

        @Override
        public void authPacketArrived(int code, MqttProperties p) {}
      });
      MqttConnectionOptions o = new MqttConnectionOptions();
      o.setCleanStart(true);
      client.connect(o);
      client.subscribe(new MqttSubscription[] {new MqttSubscription(topics.reply("bad"), 0)});

      float[][] good = {{0.1f, 0.2f, 0, 0, 0}, {0.3f, 0.4f, 0, 0, 0}};
      send(client, topics, 1, CODEC.encodeRequest(new InferenceRequest("bad", "fake", new float[][] {{1, 2, 3}, {4, 5, 6}},
          8, 80_000_000L, 1, SamplerKind.DDIM)));
      send(client, topics, 2, CODEC.encodeRequest(new InferenceRequest("bad", "fake",
          new float[][] {{1, Float.NaN, 0, 0, 0}, {0, 0, 0, 0, 0}}, 8, 80_000_000L, 1, SamplerKind.DDIM)));
      send(client, topics, 3, CODEC.encodeRequest(new InferenceRequest("bad", "fake", good, 8, 1, 1, SamplerKind.DDIM)));
      send(client, topics, 4, new byte[10 * 1024 * 1024]);
      send(client, topics, 5, CODEC.encodeRequest(new InferenceRequest("bad", "no-such-model", good, 8, 80_000_000L, 1,
          SamplerKind.DDIM)));
      send(client, topics, 6, new byte[] {(byte) 0xff, 0x13, 0x37});
      FleetEndToEndTest.await(() -> errors.size() >= 6, 30, "not every bad request was refused: " + errors);
      send(client, topics, 7, CODEC.encodeRequest(new InferenceRequest("bad", "fake", good, 8, 500_000_000L, 1,
          SamplerKind.DDIM)));
      FleetEndToEndTest.await(() -> chunks.containsKey(7L), 30, "the good request after the bad ones got no chunk");

      assertThat(errors.get(1L)).contains("history is 2 x 3");
      assertThat(errors.get(2L)).contains("not finite");
      assertThat(errors.get(3L)).contains("deadline passed");
      assertThat(errors.get(4L)).contains("exceeds");
      assertThat(errors.get(5L)).contains("unknown model 'no-such-model'");
      assertThat(errors.get(6L)).contains("not a diffpilot.v1.InferenceRequest");
      assertThat(chunks.get(7L).actions()[0][0]).isEqualTo(0.3f); // the newest observation's first value
      client.disconnect();
      client.close();

      assertThat(serve.isAlive()).isTrue();
      String out = serve.stop();
      assertThat(out).contains("MALFORMED=2", "UNKNOWN_MODEL=1", "WRONG_WIDTH=1", "NOT_FINITE=1", "EXPIRED=1")
          .containsPattern("stopping: 7 requests, 1 chunks");
      assertThat(out).doesNotContain("Exception");
    }
  }

  private static void send(MqttClient client, InferenceTopics topics, long id, byte[] payload) throws Exception {
    MqttMessage m = new MqttMessage(payload);
    m.setQos(0);
    MqttProperties p = new MqttProperties();
    p.setResponseTopic(topics.reply("bad"));
    p.setCorrelationData(ByteBuffer.allocate(Long.BYTES).putLong(id).array());
    m.setProperties(p);
    client.publish(topics.request(), m);
    TimeUnit.MILLISECONDS.sleep(20); // keep them in order on QoS 0 for readable failures
  }
}
