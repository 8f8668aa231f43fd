package io.diffpilot.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.diffpilot.core.Observation;
import io.diffpilot.runtime.mqtt.BrokerConfig;
import io.diffpilot.runtime.mqtt.EmbeddedBroker;
import io.diffpilot.runtime.mqtt.MqttRobotClient;
import io.diffpilot.runtime.mqtt.Topics;
import io.diffpilot.runtime.transport.OutgoingChunk;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RunCommandTest {
  @TempDir
  Path dir;

  @Test
  void runServesARobotOverTheEmbeddedBrokerAndStops() throws Exception {
    int port = EmbeddedBroker.freeLoopbackPort();
    Path config = dir.resolve("run.yaml");
    Files.writeString(config, """
        robot_id: smoke
        policy:
          fake: {obs_steps: 2, obs_dim: 3, action_steps: 8, action_dim: 2, step_cost_ms: 0.5}
        broker: {url: "embedded:%d"}
        control: {action_period_ms: 20, budget_ms: 20, min_steps: 2, max_steps: 8}
        """.formatted(port));
    StringWriter out = new StringWriter();
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(out, true));
    CompletableFuture<Integer> run = CompletableFuture.supplyAsync(
        () -> cl.execute("run", "--config", config.toString(), "--duration-s", "6"));
    List<OutgoingChunk> chunks = new CopyOnWriteArrayList<>();
    MqttRobotClient robot = null;
    for (int i = 0; i < 100 && robot == null; i++) {
      try {
        robot = new MqttRobotClient(BrokerConfig.plain("tcp://127.0.0.1:" + port), Topics.of("smoke"), chunks::add, null);
      } catch (java.io.IOException notYet) {
        Thread.sleep(50);
      }
    }
    assertThat(robot).as("broker of `diffpilot run` reachable").isNotNull();
    try (MqttRobotClient r = robot) {
      for (long seq = 1; seq < 200 && chunks.isEmpty(); seq++) {
        r.publishObservation(new Observation(seq, System.nanoTime(), new float[] {1, 2, 3}));
        Thread.sleep(20);
      }
    }
    assertThat(chunks).isNotEmpty();
    assertThat(run.get()).isZero();
    assertThat(out.toString()).contains("controlling robot 'smoke'").contains("stopping:");
  }

  @Test
  void runServesChunksFromADiffusionModelDirectory() throws Exception {
    Path model = io.diffpilot.runtime.config.DefaultPolicyFactoryTest.tinyModel(dir.resolve("tiny"));
    int port = EmbeddedBroker.freeLoopbackPort();
    Path config = dir.resolve("model.yaml");
    Files.writeString(config, """
        robot_id: modelbot
        policy: {model_dir: tiny}
        broker: {url: "embedded:%d"}
        control: {action_period_ms: 50, budget_ms: 200, min_steps: 2, max_steps: 4}
        """.formatted(port));
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(new StringWriter(), true));
    CompletableFuture<Integer> run = CompletableFuture.supplyAsync(
        () -> cl.execute("run", "--config", config.toString(), "--duration-s", "15"));
    List<OutgoingChunk> chunks = new CopyOnWriteArrayList<>();
    MqttRobotClient robot = null;
    for (int i = 0; i < 400 && robot == null && !run.isDone(); i++) {
      try {
        robot = new MqttRobotClient(BrokerConfig.plain("tcp://127.0.0.1:" + port), Topics.of("modelbot"), chunks::add, null);
      } catch (java.io.IOException notYet) {
        Thread.sleep(50);
      }
    }
    assertThat(robot).as("broker of `diffpilot run` reachable").isNotNull();
    try (MqttRobotClient r = robot) {
      for (long seq = 1; seq < 500 && chunks.isEmpty(); seq++) {
        r.publishObservation(new Observation(seq, System.nanoTime(), new float[] {0.1f, 0.2f, 0.3f, 0.4f}));
        Thread.sleep(20);
      }
    }
    assertThat(chunks).isNotEmpty();
    assertThat(chunks.get(0).chunk().actionDim()).isEqualTo(2);
    assertThat(chunks.get(0).stepsUsed()).isBetween(2, 4);
    assertThat(run.get()).isZero();
  }

  @Test
  void badConfigExitsWithTwoAndSaysWhy() {
    StringWriter err = new StringWriter();
    CommandLine cl = Main.commandLine();
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute("run", "--config", dir.resolve("missing.yaml").toString());
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("missing.yaml").contains("does not exist");
  }
}
