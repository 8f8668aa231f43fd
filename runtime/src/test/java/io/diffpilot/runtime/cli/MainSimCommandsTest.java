package io.diffpilot.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.diffpilot.policy.model.DenoisingNetwork;
import io.diffpilot.policy.model.InferenceConfig;
import io.diffpilot.policy.model.ModelDirectory;
import io.diffpilot.policy.model.NetworkWeights;
import io.diffpilot.policy.model.PolicyConfig;
import io.diffpilot.policy.model.PolicyLayout;
import io.diffpilot.policy.model.UnetNetwork;
import io.diffpilot.policy.normalize.LinearNormalizer;
import io.diffpilot.policy.normalize.MinMaxRange;
import io.diffpilot.policy.schedule.ScheduleConfig;
import io.diffpilot.policy.unet.UnetConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The sim module's commands as registered in ./diffpilot. */
class MainSimCommandsTest {

  @Test
  void simPushtResetRunsFromTheMainCommandLine() {
    CommandLine cl = Main.commandLine();
    StringWriter out = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    assertThat(cl.execute("sim", "pusht", "reset", "--seeds", "100000-100001")).isZero();
    assertThat(out.toString()).startsWith("seed,agent_x,agent_y,block_x,block_y,block_angle").contains("100000,235.0,124.0,");
  }

  @Test
  void evalOfAMissingModelFailsNamingIt(@TempDir Path dir) {
    CommandLine cl = Main.commandLine();
    StringWriter err = new StringWriter();
    cl.setErr(new PrintWriter(err, true));
    Path missing = dir.resolve("no-such-model");
    assertThat(cl.execute("eval", "--model", missing.toString(), "--episodes", "1", "--out", dir.toString(), "--quiet"))
        .isNotZero();
    assertThat(err.toString()).contains("no-such-model");
  }

  @Test
  void evalRunsADiffusionModelDirectoryOnPushT(@TempDir Path dir) throws Exception {
    Path model = tinyPushTModel(dir.resolve("model"));
    Path out = dir.resolve("eval");
    CommandLine cl = Main.commandLine();
    StringWriter err = new StringWriter();
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute("eval", "--model", model.toString(), "--episodes", "2", "--max-steps", "16",
        "--steps", "2", "--gif-episodes", "1", "--out", out.toString(), "--quiet");
    assertThat(code).as(err.toString()).isZero();
    JsonNode eval = new ObjectMapper().readTree(out.resolve("eval.json").toFile());
    assertThat(eval.toString()).contains("100000", "100001");
    assertThat(out.resolve("rollouts.gif")).isNotEmptyFile();
  }

  /** A randomly initialised Push-T keypoint model (To 2, Tp 8, Ta 4): mechanics, not skill. */
  static Path tinyPushTModel(Path dir) throws Exception {
    UnetConfig net = new UnetConfig(2, 40, 16, List.of(16, 32), 3, 8, true);
    PolicyConfig config = new PolicyConfig(net, new PolicyLayout("keypoints", 20, 2, 2, 8, 4), ScheduleConfig.defaults(),
        InferenceConfig.defaults());
    try (NDManager m = NDManager.newBaseManager()) {
      DenoisingNetwork network = UnetNetwork.FACTORY.create(config);
      network.initialize(m);
      float[] lo = new float[20];
      float[] hi = new float[20];
      java.util.Arrays.fill(hi, 512f);
      LinearNormalizer normalizer = new LinearNormalizer(new MinMaxRange(lo, hi),
          new MinMaxRange(new float[] {0, 0}, new float[] {512, 512}));
      new ModelDirectory(config, NetworkWeights.stateDict(network), normalizer).save(dir);
    }
    return dir;
  }
}
