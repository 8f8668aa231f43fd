package io.diffpilot.tools.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import io.diffpilot.core.Episode;
import io.diffpilot.core.EpisodeDataset;
import io.diffpilot.policy.model.PolicyConfig;
import io.diffpilot.policy.model.PolicyLayout;
import io.diffpilot.policy.model.UnetNetwork;
import io.diffpilot.policy.train.PolicyTrainer;
import io.diffpilot.policy.train.TrainConfig;
import io.diffpilot.policy.unet.UnetConfig;
import io.diffpilot.sim.pusht.PushTEnv;
import io.diffpilot.sim.pusht.PushTState;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code demo multimodal} and {@code viz denoise} at tiny size, through ./diffpilot's command tree. */
class DemoAndVizCommandsTest {

  @TempDir Path dir;

  @Test
  void demoMultimodalPrintsTheTableAndDrawsBothPolicies() throws Exception {
    Path out = dir.resolve("mm");
    CommandRun r = CommandRun.of("demo", "multimodal", "--size", "test", "--train-steps", "3", "--rollouts", "4", "--demonstrations", "4",
        "--out", out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("| policy | left | right | collision | incomplete | rollouts |", "| diffusion |",
        "| MSE regression |");
    BufferedImage png = ImageIO.read(out.resolve("multimodal.png").toFile());
    assertThat(png.getWidth()).isGreaterThan(png.getHeight());
    assertThat(Files.readString(out.resolve("multimodal.md"))).contains("| diffusion |").contains("multimodal.png");
  }

  @Test
  void demoMultimodalRejectsAnUnknownSize() {
    CommandRun r = CommandRun.of("demo", "multimodal", "--size", "huge", "--out", dir.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--size must be demo or test");
  }

  /** A few synthetic Push-T-like episodes ("state" [5], pixel actions), a tiny U-Net, three steps. */
  private Path tinyPushTModel() throws Exception {
    List<Episode> episodes = new ArrayList<>();
    for (int e = 0; e < 3; e++) {
      PushTState s = PushTEnv.initialState(100 + e);
      int n = 20;
      float[][] obs = new float[n][];
      float[][] act = new float[n][];
      double[] times = new double[n];
      for (int t = 0; t < n; t++) {
        obs[t] = new float[] {(float) s.agentX() + 5 * t, (float) s.agentY(), (float) s.blockX(), (float) s.blockY(),
            (float) s.wrappedAngle()};
        act[t] = new float[] {(float) s.agentX() + 5 * (t + 1), (float) s.agentY() + 2 * t};
        times[t] = t * 0.1;
      }
      episodes.add(new Episode(e, "pusht", times, Map.of("state", obs), act, Map.of()));
    }
    PolicyConfig config = new PolicyConfig(new UnetConfig(2, 10, 16, List.of(8, 16), 3, 4, true),
        new PolicyLayout("state", 5, 2, 2, 8, 4), null, null);
    Path model = dir.resolve("tiny");
    new PolicyTrainer(config, new TrainConfig(3, 0, 4, 1e-3, 0, 1e-6, 0.95, 0.999, 1, 0, 0.75, 0.9999),
        UnetNetwork.FACTORY, Device.cpu()).train(EpisodeDataset.of("synthetic push-t", episodes), model, false, null,
        Integer.MAX_VALUE);
    return model;
  }

  @Test
  void vizDenoiseWritesReverseAndForwardFiguresForAPushTModel() throws Exception {
    Path model = tinyPushTModel();
    Path out = dir.resolve("viz");
    CommandRun r = CommandRun.of("viz", "denoise", "--model", model.toString(), "--seed", "100003", "--steps", "4",
        "--demos", dir.resolve("no-demos-here").toString(), "--out", out.toString());
    // An explicit --demos folder without the CSVs is an error, not a silent fallback.
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("pusht_keypoints.csv");

    r = CommandRun.of("viz", "denoise", "--model", model.toString(), "--seed", "100003", "--steps", "4", "--out", out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("4 DDIM steps at seed 100003");
    // 5 frames (noise + 4 steps) of 256 px in one row; 6 forward frames in rows of 3.
    BufferedImage denoise = ImageIO.read(out.resolve("denoise.png").toFile());
    assertThat(denoise.getWidth()).isEqualTo(5 * 256 + 4 * 2);
    assertThat(denoise.getHeight()).isEqualTo(256);
    BufferedImage forward = ImageIO.read(out.resolve("forward.png").toFile());
    assertThat(forward.getWidth()).isEqualTo(3 * 256 + 2 * 2);
    assertThat(forward.getHeight()).isEqualTo(2 * 256 + 2);
    assertThat(Files.size(out.resolve("denoise.gif"))).isPositive();
    assertThat(Files.size(out.resolve("forward.gif"))).isPositive();
  }

  @Test
  void vizDenoiseRejectsBadStepsAndAMissingModel() throws Exception {
    Path model = tinyPushTModel();
    CommandRun r = CommandRun.of("viz", "denoise", "--model", model.toString(), "--steps", "1000", "--out", dir.resolve("v").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--steps must be in 1..100");
    r = CommandRun.of("viz", "denoise", "--model", dir.resolve("missing").toString(), "--out", dir.resolve("v").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("cannot load model directory");
  }
}
