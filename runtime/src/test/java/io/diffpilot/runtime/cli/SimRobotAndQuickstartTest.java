package io.diffpilot.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.diffpilot.core.Clock;
import io.diffpilot.runtime.control.ControlConfig;
import io.diffpilot.runtime.control.ControlLoop;
import io.diffpilot.runtime.mqtt.BrokerConfig;
import io.diffpilot.runtime.mqtt.EmbeddedBroker;
import io.diffpilot.runtime.mqtt.MqttTransport;
import io.diffpilot.runtime.mqtt.Topics;
import io.diffpilot.runtime.simrobot.PushTHeuristicPolicy;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Smoke tests at tiny size of the commands a user runs first. */
class SimRobotAndQuickstartTest {
  @TempDir
  Path dir;

  @Test
  void simRobotRunsEpisodesAgainstAController() throws Exception {
    try (EmbeddedBroker broker = EmbeddedBroker.start(0);
        ControlLoop loop = new ControlLoop(ControlConfig.defaults("simbot"), new PushTHeuristicPolicy(),
            new MqttTransport(BrokerConfig.plain(broker.url()), Topics.of("simbot"), Clock.system()), Clock.system(), null)) {
      loop.start(20_000_000L);
      StringWriter out = new StringWriter();
      CommandLine cl = Main.commandLine();
      cl.setOut(new PrintWriter(out, true));
      int code = cl.execute("sim-robot", "--task", "pusht", "--broker", broker.url(), "--robot-id", "simbot",
          "--episodes", "1", "--max-steps", "15");
      assertThat(code).isZero();
      assertThat(out.toString()).contains("episode 0 (seed 100000): 15 steps").contains("1 episodes: mean max coverage");
      assertThat(loop.status().chunksPublished()).isPositive();
    }
  }

  @Test
  void simRobotRejectsUnknownTask() {
    StringWriter err = new StringWriter();
    CommandLine cl = Main.commandLine();
    cl.setErr(new PrintWriter(err, true));
    assertThat(cl.execute("sim-robot", "--task", "cartpole", "--broker", "tcp://127.0.0.1:1")).isEqualTo(2);
    assertThat(err.toString()).contains("unknown task 'cartpole'");
  }

  @Test
  void quickstartWritesGifHistogramAndReport() {
    StringWriter out = new StringWriter();
    Path outDir = dir.resolve("qs");
    assertThat(tinyQuickstart(out, outDir)).isZero();
    assertThat(out.toString()).contains("1 episodes: mean max coverage").contains("latency observation -> chunk");
    assertThat(outDir.resolve("rollout.gif")).isNotEmptyFile();
    assertThat(outDir.resolve("latency.png")).isNotEmptyFile();
    assertThat(outDir.resolve("REPORT.md")).content().contains("| episode |").contains("scripted Push-T heuristic");
  }

  @Test
  void quickstartRunsFasterThanRealTimeWithTheChosenMergeRule() {
    Path outDir = dir.resolve("qs-fast");
    assertThat(tinyQuickstart(new StringWriter(), outDir, "--merge", "exponential", "--speed", "3",
        "--trigger-remaining", "1")).isZero();
    assertThat(outDir.resolve("REPORT.md")).content().contains("merge exponential").contains("3.0x real time")
        .contains("next asked at 1 left");
  }

  @Test
  void quickstartRejectsUnknownMergeRuleAndNonPositiveSpeed() {
    for (String[] bad : new String[][] {{"--merge", "median"}, {"--speed", "0"}, {"--trigger-remaining", "-1"}}) {
      StringWriter err = new StringWriter();
      CommandLine cl = Main.commandLine();
      cl.setErr(new PrintWriter(err, true));
      assertThat(cl.execute("quickstart", "--out", dir.resolve("never").toString(), bad[0], bad[1])).isEqualTo(2);
      assertThat(err.toString()).contains(switch (bad[0]) {
        case "--merge" -> "unknown merge rule 'median'";
        case "--speed" -> "clock scale";
        default -> "--trigger-remaining must be >= 0, got -1";
      });
      assertThat(dir.resolve("never")).doesNotExist();
    }
  }

  /** One episode of 12 steps with the scripted stand-in policy (no model here), into {@code outDir}. */
  private int tinyQuickstart(StringWriter out, Path outDir, String... options) {
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(out, true));
    String[] tiny = {"quickstart", "--episodes", "1", "--max-steps", "12", "--out", outDir.toString(),
        "--model", dir.resolve("no-model").toString()};
    String[] args = java.util.Arrays.copyOf(tiny, tiny.length + options.length);
    System.arraycopy(options, 0, args, tiny.length, options.length);
    return cl.execute(args);
  }
}
