package io.diffpilot.runtime.record;

import static org.assertj.core.api.Assertions.assertThat;

import io.diffpilot.core.Clock;
import io.diffpilot.core.Episode;
import io.diffpilot.demos.lerobot.LeRobotDataset;
import io.diffpilot.runtime.cli.Main;
import io.diffpilot.runtime.control.ControlConfig;
import io.diffpilot.runtime.control.ControlLoop;
import io.diffpilot.runtime.mqtt.BrokerConfig;
import io.diffpilot.runtime.mqtt.EmbeddedBroker;
import io.diffpilot.runtime.mqtt.MqttRobotClient;
import io.diffpilot.runtime.mqtt.MqttTransport;
import io.diffpilot.runtime.mqtt.Topics;
import io.diffpilot.runtime.simrobot.ChunkExecutor;
import io.diffpilot.runtime.simrobot.PushTHeuristicPolicy;
import io.diffpilot.runtime.simrobot.PushTRobot;
import io.diffpilot.sim.pusht.ObservationKind;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Recording the real thing over MQTT: the runtime's control loop drives the simulated Push-T
 * robot while {@code diffpilot record} listens; the recorded actions are compared with the
 * actions the robot actually executed.
 */
class RecordSimulatedRobotTest {

  @TempDir Path temp;

  @Test
  void recordedActionsAreTheActionsTheRobotExecuted() throws Exception {
    Path out = temp.resolve("sim-demos");
    StringWriter log = new StringWriter();
    int steps = 30;
    try (EmbeddedBroker broker = EmbeddedBroker.start(0);
        ControlLoop loop = new ControlLoop(ControlConfig.defaults("sim1"), new PushTHeuristicPolicy(),
            new MqttTransport(BrokerConfig.plain(broker.url()), Topics.of("sim1"), Clock.system()), Clock.system(), null)) {
      loop.start(20_000_000L);
      CommandLine cl = Main.commandLine();
      cl.setOut(new PrintWriter(log, true));
      cl.setErr(new PrintWriter(log, true));
      CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> cl.execute("record", "--source", "mqtt",
          "--broker", broker.url(), "--robot", "sim1", "--out", out.toString(), "--obs-dim", "5", "--action-dim", "2",
          "--episodes", "1", "--task", "pusht", "--start", "--no-stdin-commands"));
      OutputWait.awaitLine(log, "started episode 0");
      ChunkExecutor executor = new ChunkExecutor();
      PushTRobot.EpisodeResult result;
      MqttClient control = new MqttClient(broker.url(), "control", new MemoryPersistence());
      control.connect();
      try (MqttRobotClient client = new MqttRobotClient(BrokerConfig.plain(broker.url()), Topics.of("sim1"), executor::accept, null)) {
        // The recorder subscribes asynchronously after it connects, its record topic last: once it
        // answers a command there, its observation and chunk subscriptions are live too.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!log.toString().contains("already recording")) {
          assertThat(System.nanoTime()).as("recorder never answered on its record topic: " + log).isLessThan(deadline);
          control.publish(Topics.of("sim1").record(), "start".getBytes(StandardCharsets.UTF_8), 2, false);
          Thread.sleep(100);
        }
        result = new PushTRobot(Clock.system(), executor, client::publishObservation, ObservationKind.STATE, steps)
            .runEpisode(100_000, true);
        Thread.sleep(300);
        control.publish(Topics.of("sim1").record(), "save".getBytes(StandardCharsets.UTF_8), 2, false);
      } finally {
        control.disconnect();
        control.close();
      }
      assertThat(exit.get(60, TimeUnit.SECONDS)).as(log.toString()).isZero();

      Episode e = LeRobotDataset.open(out).episode(0);
      // every observation after the first chunk arrived makes a step
      assertThat(e.length()).as(log.toString()).isBetween(steps - 5, steps);
      int matched = 0;
      int compared = 0;
      for (int k = 0; k < e.length(); k++) {
        float[] obs = e.observation("state")[k];
        for (PushTRobot.Frame f : result.frames()) {
          if (f.action() != null && Arrays.equals(ObservationKind.STATE.of(f.state()), obs)) {
            compared++;
            matched += Arrays.equals(f.action(), e.actions()[k]) ? 1 : 0;
            if (!Arrays.equals(f.action(), e.actions()[k])) {
              System.out.printf("step %d of %d: executed %s, recorded %s%n", k, e.length(), Arrays.toString(f.action()),
                  Arrays.toString(e.actions()[k]));
            }
            break;
          }
        }
      }
      assertThat(compared).isEqualTo(e.length());
      // The recorder evaluates the schedule when the observation reaches it, the robot right
      // after publishing it: a chunk arriving in between can differ; on loopback that is rare.
      assertThat(matched).as("recorded actions equal to executed ones, of %d", compared).isGreaterThanOrEqualTo(compared * 8 / 10);
      System.out.printf("recorded %d steps; %d of %d actions equal to the executed ones%n", e.length(), matched, compared);
    }
  }
}
