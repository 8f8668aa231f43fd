package io.diffpilot.runtime.record;

import static org.assertj.core.api.Assertions.assertThat;

import io.diffpilot.core.ActionChunk;
import io.diffpilot.core.Episode;
import io.diffpilot.core.Observation;
import io.diffpilot.demos.lerobot.LeRobotDataset;
import io.diffpilot.runtime.cli.Main;
import io.diffpilot.runtime.mqtt.EmbeddedBroker;
import io.diffpilot.runtime.mqtt.ProtobufCodec;
import io.diffpilot.runtime.mqtt.Topics;
import io.diffpilot.runtime.transport.OutgoingChunk;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code diffpilot record --source mqtt} over the embedded Moquette broker: a scripted robot and
 * controller publish observations and chunks (plus garbage), commands arrive on the record topic,
 * and the saved episode is read back with {@link LeRobotDataset}.
 */
class MqttRecordEndToEndTest {

  @TempDir Path temp;

  static final long T0 = 1_000_000_000_000L;
  static final long STEP = 100_000_000L;

  @Test
  void scriptedRobotGivesOneSavedEpisodeWithTheScheduledActions() throws Exception {
    ProtobufCodec codec = new ProtobufCodec();
    Topics topics = Topics.of("r1");
    Path out = temp.resolve("demos");
    StringWriter log = new StringWriter();
    try (EmbeddedBroker broker = EmbeddedBroker.start(0)) {
      CommandLine cl = Main.commandLine();
      cl.setOut(new PrintWriter(log, true));
      cl.setErr(new PrintWriter(log, true));
      CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> cl.execute("record", "--source", "mqtt",
          "--broker", broker.url(), "--robot", "r1", "--out", out.toString(), "--obs-dim", "3", "--action-dim", "2",
          "--episodes", "1", "--task", "push the T", "--no-stdin-commands"));
      MqttClient robot = new MqttClient(broker.url(), "scripted-robot", new MemoryPersistence());
      robot.connect();
      try {
        // the recorder subscribes asynchronously: repeat 'start' until it answers
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!log.toString().contains("started episode")) {
          assertThat(System.nanoTime()).as("recorder never started: " + log).isLessThan(deadline);
          robot.publish(topics.record(), "start".getBytes(StandardCharsets.UTF_8), 2, false);
          Thread.sleep(200);
        }
        // a first episode, discarded
        robot.publish(topics.observation(), codec.encodeObservation("r1", new Observation(1, T0 - 10 * STEP, new float[] {9, 9, 9})), 1, false);
        // MQTT orders messages per topic, not across topics and QoS levels (commands are QoS 2,
        // observations QoS 1): wait for each command's answer before sending the next data.
        robot.publish(topics.record(), "discard".getBytes(StandardCharsets.UTF_8), 2, false);
        awaitLog(log, "discarded episode", 1);
        robot.publish(topics.record(), "start push the T".getBytes(StandardCharsets.UTF_8), 2, false);
        awaitLog(log, "started episode", 2);

        robot.publish(topics.observation(), codec.encodeObservation("r1", new Observation(2, T0, new float[] {0, 0, 0})), 1, false);
        float[][] actions = new float[8][];
        for (int i = 0; i < 8; i++) {
          actions[i] = new float[] {i, -i};
        }
        OutgoingChunk chunk = new OutgoingChunk("r1", 1, 2, new ActionChunk(T0 + STEP, STEP, actions, 4), 1000, OutgoingChunk.Origin.POLICY);
        robot.publish(topics.actionChunk(), codec.encodeChunk(chunk), 1, false);
        for (int k = 1; k <= 10; k++) {
          robot.publish(topics.observation(), codec.encodeObservation("r1", new Observation(2 + k, T0 + k * STEP, new float[] {k, 2 * k, 3 * k})), 1, false);
          // bad input between the good observations: each is counted and skipped
          long between = T0 + k * STEP + STEP / 2;
          switch (k) {
            case 2 -> robot.publish(topics.observation(), new byte[] {1, 2, 3, (byte) 0xff}, 1, false);
            case 3 -> robot.publish(topics.observation(), codec.encodeObservation("r1", new Observation(100, between, new float[] {1, 2})), 1, false);
            case 4 -> robot.publish(topics.observation(), codec.encodeObservation("r1", new Observation(101, between, new float[] {1, Float.NaN, 3})), 1, false);
            case 5 -> robot.publish(topics.actionChunk(), "not a chunk".getBytes(StandardCharsets.UTF_8), 1, false);
            case 6 -> robot.publish(topics.record(), "dance".getBytes(StandardCharsets.UTF_8), 2, false);
            case 7 -> robot.publish(topics.observation(), codec.encodeObservation("r2", new Observation(102, between, new float[] {1, 2, 3})), 1, false);
            default -> { }
          }
        }
        robot.publish(topics.record(), "save".getBytes(StandardCharsets.UTF_8), 2, false);
        assertThat(exit.get(60, TimeUnit.SECONDS)).as(log.toString()).isZero();
      } finally {
        robot.disconnect();
        robot.close();
      }
    }
    String text = log.toString();
    assertThat(text).contains("discarded episode (0 steps)").contains("saved episode 0 (10 steps")
        .contains("unknown command 'dance'").contains("malformed 3").contains("bad commands 1")
        .contains("WRONG_DIMENSION=1").contains("NOT_FINITE=1");

    LeRobotDataset ds = LeRobotDataset.open(out);
    assertThat(ds.size()).isEqualTo(1);
    Episode e = ds.episode(0);
    assertThat(e.length()).isEqualTo(10);
    assertThat(e.task()).isEqualTo("push the T");
    float[][] a = e.actions();
    float[][] s = e.observation("state");
    for (int k = 1; k <= 10; k++) {
      int idx = Math.min(k - 1, 7); // the chunk's action at each observation time, the last held
      assertThat(a[k - 1]).containsExactly(idx, -idx);
      assertThat(s[k - 1]).containsExactly(k, 2 * k, 3 * k);
      assertThat(e.timestampsSeconds()[k - 1]).isCloseTo((k - 1) * 0.1, org.assertj.core.data.Offset.offset(1e-6));
    }
  }

  @Test
  void missingBrokerAndUnknownSourceAreUsageErrors() {
    StringWriter err = new StringWriter();
    CommandLine cl = Main.commandLine();
    cl.setErr(new PrintWriter(err, true));
    assertThat(cl.execute("record", "--source", "mqtt", "--out", temp.resolve("x").toString(), "--obs-dim", "2",
        "--action-dim", "2", "--no-stdin-commands")).isEqualTo(2);
    assertThat(cl.execute("record", "--source", "carrier-pigeon", "--out", temp.resolve("x").toString(), "--obs-dim", "2",
        "--action-dim", "2", "--no-stdin-commands")).isEqualTo(2);
    assertThat(err.toString()).contains("--source mqtt needs --broker URL").contains("--source must be mqtt or ros");
  }

  @Test
  void unreachableBrokerIsAClearError() throws Exception {
    StringWriter err = new StringWriter();
    CommandLine cl = Main.commandLine();
    cl.setErr(new PrintWriter(err, true));
    int port = EmbeddedBroker.freeLoopbackPort();
    assertThat(cl.execute("record", "--source", "mqtt", "--broker", "tcp://127.0.0.1:" + port, "--out",
        temp.resolve("never").toString(), "--obs-dim", "2", "--action-dim", "2", "--no-stdin-commands")).isEqualTo(1);
    assertThat(err.toString()).contains("cannot connect to MQTT broker");
  }

  /** Waits (at most 30 s) until {@code text} appears {@code times} times in the command's output. */
  private static void awaitLog(StringWriter log, String text, int times) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (log.toString().split(java.util.regex.Pattern.quote(text), -1).length - 1 < times) {
      assertThat(System.nanoTime()).as("waited for '" + text + "' x" + times + ": " + log).isLessThan(deadline);
      Thread.sleep(20);
    }
  }
}
