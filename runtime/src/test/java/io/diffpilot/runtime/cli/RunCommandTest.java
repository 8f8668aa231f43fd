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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RunCommandTest {
  @TempDir
  Path dir;

  /** Deadline of every wait: generous, since the 2-core machine may be loaded by other builds. */
  private static final long DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(120);

  /** `diffpilot run` in the background, ended by {@link RunCommand#stop} rather than by a duration. */
  private static final class Background implements AutoCloseable {
    final RunCommand command = new RunCommand();
    final StringWriter out = new StringWriter();
    final CompletableFuture<Integer> exit;

    Background(Path config) {
      CommandLine cl = new CommandLine(command);
      cl.setOut(new PrintWriter(out, true));
      exit = CompletableFuture.supplyAsync(() -> cl.execute("--config", config.toString()));
    }

    /** Waits until the controller serves (broker up, warm-up done), failing early if the run ended. */
    void awaitServing() throws InterruptedException {
      long deadline = System.nanoTime() + DEADLINE_NANOS;
      while (!command.awaitServing(100, TimeUnit.MILLISECONDS)) {
        assertThat(exit.isDone()).as("`diffpilot run` ended before serving: " + out).isFalse();
        assertThat(System.nanoTime()).as("`diffpilot run` serving within 120 s").isLessThan(deadline);
      }
    }

    int stopAndAwaitExit() throws Exception {
      command.stop();
      return exit.get(120, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
      command.stop();
    }
  }

  /** Publishes an observation every 20 ms until a chunk arrives (or the deadline passes). */
  private static void observeUntilAChunk(MqttRobotClient robot, List<OutgoingChunk> chunks, float[] state)
      throws InterruptedException {
    long deadline = System.nanoTime() + DEADLINE_NANOS;
    for (long seq = 1; chunks.isEmpty(); seq++) {
      assertThat(System.nanoTime()).as("a chunk within 120 s").isLessThan(deadline);
      robot.publishObservation(new Observation(seq, System.nanoTime(), state));
      Thread.sleep(20);
    }
  }

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
    try (Background run = new Background(config)) {
      run.awaitServing();
      List<OutgoingChunk> chunks = new CopyOnWriteArrayList<>();
      try (MqttRobotClient robot = new MqttRobotClient(BrokerConfig.plain("tcp://127.0.0.1:" + port), Topics.of("smoke"),
          chunks::add, null)) {
        observeUntilAChunk(robot, chunks, new float[] {1, 2, 3});
      }
      assertThat(run.stopAndAwaitExit()).isZero();
      assertThat(run.out.toString()).contains("controlling robot 'smoke'").contains("stopping:");
    }
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
    try (Background run = new Background(config)) {
      run.awaitServing();
      List<OutgoingChunk> chunks = new CopyOnWriteArrayList<>();
      try (MqttRobotClient robot = new MqttRobotClient(BrokerConfig.plain("tcp://127.0.0.1:" + port),
          Topics.of("modelbot"), chunks::add, null)) {
        observeUntilAChunk(robot, chunks, new float[] {0.1f, 0.2f, 0.3f, 0.4f});
      }
      assertThat(chunks.get(0).chunk().actionDim()).isEqualTo(2);
      assertThat(chunks.get(0).stepsUsed()).isBetween(2, 4);
      assertThat(run.stopAndAwaitExit()).isZero();
    }
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
