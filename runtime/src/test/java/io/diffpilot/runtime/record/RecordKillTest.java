package io.diffpilot.runtime.record;

import static org.assertj.core.api.Assertions.assertThat;

import io.diffpilot.core.ActionChunk;
import io.diffpilot.core.Observation;
import io.diffpilot.demos.lerobot.LeRobotDataset;
import io.diffpilot.ros1.testing.Kill;
import io.diffpilot.runtime.mqtt.EmbeddedBroker;
import io.diffpilot.runtime.mqtt.ProtobufCodec;
import io.diffpilot.runtime.mqtt.Topics;
import io.diffpilot.runtime.transport.OutgoingChunk;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a real {@code diffpilot record --source mqtt} process with SIGKILL in the middle of an
 * episode: the episode it reported saved is in the dataset, whole; the one in progress is not.
 */
class RecordKillTest {

  static final long T0 = 5_000_000_000_000L;
  static final long STEP = 100_000_000L;

  @Test
  void killMinusNineWhileRecordingOverMqttLosesOnlyTheEpisodeInProgress(@TempDir Path tmp) throws Exception {
    Path out = tmp.resolve("ds");
    ProtobufCodec codec = new ProtobufCodec();
    Topics topics = Topics.of("k1");
    try (EmbeddedBroker broker = EmbeddedBroker.start(0)) {
      String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      Process p = new ProcessBuilder(java, "-Xmx256m", "-cp", cp, "io.diffpilot.runtime.cli.Main", "record", "--source", "mqtt",
          "--broker", broker.url(), "--robot", "k1", "--out", out.toString(), "--obs-dim", "3", "--action-dim", "2",
          "--task", "kill-test").redirectError(ProcessBuilder.Redirect.DISCARD).start();
      BlockingQueue<String> lines = new LinkedBlockingQueue<>();
      Thread reader = new Thread(() -> {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
          String l;
          while ((l = r.readLine()) != null) {
            lines.add(l);
          }
        } catch (java.io.IOException ignored) {
          // killed
        }
      });
      reader.setDaemon(true);
      reader.start();
      MqttClient robot = new MqttClient(broker.url(), "kill-robot", new MemoryPersistence());
      robot.connect();
      try {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!seen(lines, "started episode 0", 300)) {
          assertThat(System.nanoTime()).as("recorder never started").isLessThan(deadline);
          robot.publish(topics.record(), "start".getBytes(StandardCharsets.UTF_8), 2, false);
        }
        float[][] actions = new float[40][];
        for (int i = 0; i < actions.length; i++) {
          actions[i] = new float[] {i, 1};
        }
        robot.publish(topics.actionChunk(), codec.encodeChunk(new OutgoingChunk("k1", 1, 0,
            new ActionChunk(T0, STEP, actions, 1), 0, OutgoingChunk.Origin.POLICY)), 1, false);
        for (int k = 0; k < 12; k++) {
          robot.publish(topics.observation(), codec.encodeObservation("k1", new Observation(k + 1, T0 + k * STEP, new float[] {k, k, k})), 1, false);
        }
        robot.publish(topics.record(), "save".getBytes(StandardCharsets.UTF_8), 2, false);
        assertThat(seen(lines, "saved episode 0 (12 steps", 60_000)).isTrue();
        robot.publish(topics.record(), "start".getBytes(StandardCharsets.UTF_8), 2, false);
        assertThat(seen(lines, "started episode 1", 30_000)).isTrue();
        for (int k = 12; k < 20; k++) {
          robot.publish(topics.observation(), codec.encodeObservation("k1", new Observation(k + 1, T0 + k * STEP, new float[] {k, k, k})), 1, false);
        }
        Thread.sleep(300);
        Kill.minusNine(p);
      } finally {
        p.destroyForcibly();
        robot.disconnect();
        robot.close();
      }
    }
    LeRobotDataset ds = LeRobotDataset.open(out);
    assertThat(ds.size()).isEqualTo(1);
    assertThat(ds.episode(0).length()).isEqualTo(12);
    assertThat(ds.episode(0).actions()[11]).containsExactly(11, 1);
    assertThat(ds.episode(0).observation("state")[11]).containsExactly(11, 11, 11);
  }

  /** Waits up to {@code millis} for a line containing {@code text}, consuming lines on the way. */
  private static boolean seen(BlockingQueue<String> lines, String text, long millis) throws InterruptedException {
    long deadline = System.currentTimeMillis() + millis;
    while (true) {
      long left = deadline - System.currentTimeMillis();
      if (left <= 0) {
        return false;
      }
      String l = lines.poll(left, TimeUnit.MILLISECONDS);
      if (l != null && l.contains(text)) {
        return true;
      }
    }
  }
}
