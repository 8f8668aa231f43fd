package io.diffpilot.policy.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import io.diffpilot.core.Episode;
import io.diffpilot.core.SamplerKind;
import io.diffpilot.core.Sampling;
import io.diffpilot.policy.model.DiffusionPolicy;
import io.diffpilot.policy.model.MlpDenoisingNetwork;
import io.diffpilot.policy.model.ModelDirectory;
import io.diffpilot.policy.model.NetworkFactory;
import io.diffpilot.policy.model.PolicyConfig;
import io.diffpilot.policy.model.PolicyLayout;
import io.diffpilot.policy.model.UnetNetwork;
import io.diffpilot.policy.schedule.BetaSchedule;
import io.diffpilot.policy.schedule.PredictionType;
import io.diffpilot.policy.schedule.ScheduleConfig;
import io.diffpilot.policy.unet.UnetConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyTrainerTest {

  /** Tiny U-Net, ε-prediction: what a user's config looks like, at test size. */
  static final PolicyConfig UNET_CONFIG = new PolicyConfig(
      new UnetConfig(2, 4, 32, List.of(16, 32), 3, 8, true), new PolicyLayout("pos", 2, 2, 2, 8, 4), null, null);

  /**
   * The MLP stand-in (fast, for the resume and determinism tests) predicts x₀: its ideal output
   * is then a function of the condition alone, which a small MLP learns quickly.
   */
  static final PolicyConfig CONFIG = new PolicyConfig(
      new UnetConfig(2, 4, 16, List.of(16, 32), 3, 4, true), new PolicyLayout("pos", 2, 2, 2, 8, 4),
      new ScheduleConfig(100, BetaSchedule.SQUAREDCOS_CAP_V2, 1e-4, 0.02, PredictionType.SAMPLE, true, 1.0), null);
  static final NetworkFactory NET = MlpDenoisingNetwork.factory(128);

  @TempDir Path dir;

  /** The production path: U-Net, ε-prediction, through DiffusionPolicy.load. */
  @Test
  @Tag("slow")
  void unetPolicyLossFallsFiveFoldAndTheDirectorySamples() throws Exception {
    SyntheticDataset data = new SyntheticDataset(16, 30, "pos", 2, 3);
    TrainConfig train = new TrainConfig(200, 0, 32, 3e-3, 20, 1e-6, 0.95, 0.999, 1, 0, 0.75, 0.9999);
    PolicyTrainer.Result r = new PolicyTrainer(UNET_CONFIG, train, UnetNetwork.FACTORY, Device.cpu())
        .train(data, dir, false, null, Integer.MAX_VALUE);
    System.out.printf("U-Net loss %.4f -> %.4f in %.1f s%n", r.firstLoss(), r.finalLoss(), r.wallSeconds());
    assertThat(r.finalLoss()).isLessThan(r.firstLoss() / 5);
    assertThat(dir.resolve("loss.csv")).exists();
    assertThat(dir.resolve("loss.png")).exists();
    assertThat(Files.readString(dir.resolve("MODEL_CARD.md"))).contains("final loss", "200 of 200");
    try (DiffusionPolicy policy = DiffusionPolicy.load(dir)) {
      Episode ep = data.episode(0);
      float[][] chunk = policy.predictChunk(new float[][] {ep.observation("pos")[4], ep.observation("pos")[5]},
          new Sampling(SamplerKind.DDIM, 10, 1));
      assertThat(chunk.length).isEqualTo(4);
    }
  }

  /**
   * Samples land near the data. With the MLP stand-in (x₀-prediction), because the U-Net needs
   * far more steps than a unit test on a shared 2-core machine can afford to learn the condition.
   */
  @Test
  void tinyPolicySamplesLandNearTheData() throws Exception {
    SyntheticDataset data = new SyntheticDataset(32, 30, "pos", 2, 3);
    TrainConfig train = new TrainConfig(600, 0, 64, 2e-3, 50, 1e-6, 0.95, 0.999, 1, 0, 0.75, 0.9999);
    PolicyTrainer.Result r = new PolicyTrainer(CONFIG, train, NET, Device.cpu()).train(data, dir, false, null, Integer.MAX_VALUE);
    System.out.printf("MLP loss %.4f -> %.4f in %.1f s%n", r.firstLoss(), r.finalLoss(), r.wallSeconds());
    assertThat(r.finalLoss()).isLessThan(r.firstLoss() / 5);

    try (DiffusionPolicy policy = DiffusionPolicy.create(ModelDirectory.load(dir), NET, Device.cpu())) {
      double worst = 0;
      double sum = 0;
      double holdSum = 0;
      double spreadSum = 0;
      int n = 0;
      double[] mean = meanAction(data);
      for (int e = 0; e < 8; e++) {
        Episode ep = data.episode(e);
        int t = 10 + e;
        float[][] history = {ep.observation("pos")[t - 1], ep.observation("pos")[t]};
        float[][] chunk = policy.predictChunk(history, new Sampling(SamplerKind.DDIM, 10, e));
        for (int i = 0; i < chunk.length; i++) {
          float[] truth = ep.actions()[t + i];
          double err = Math.hypot(chunk[i][0] - truth[0], chunk[i][1] - truth[1]);
          worst = Math.max(worst, err);
          holdSum += Math.hypot(history[1][0] - truth[0], history[1][1] - truth[1]);
          spreadSum += Math.hypot(mean[0] - truth[0], mean[1] - truth[1]);
          sum += err;
          n++;
        }
      }
      System.out.printf("mean action error %.4f worst %.4f; ignoring the history errs %.4f, holding the last position %.4f%n",
          sum / n, worst, spreadSum / n, holdSum / n);
      // A policy that ignores the history is at best the data mean, which errs by the spread of
      // positions. Landing near the data means well under that.
      assertThat(sum / n).isLessThan(0.5 * spreadSum / n);
    }
  }

  @Test
  void resumedRunContinuesTheStepCountAndMatchesAnUninterruptedRun() throws Exception {
    SyntheticDataset data = new SyntheticDataset(4, 20, "pos", 2, 5);
    TrainConfig train = new TrainConfig(12, 0, 8, 1e-3, 2, 1e-6, 0.95, 0.999, 9, 4, 0.75, 0.9999);
    Path straight = dir.resolve("straight");
    Path interrupted = dir.resolve("interrupted");
    new PolicyTrainer(CONFIG, train, NET, Device.cpu()).train(data, straight, false, null, Integer.MAX_VALUE);
    PolicyTrainer.Result part = new PolicyTrainer(CONFIG, train, NET, Device.cpu()).train(data, interrupted, false, null, 7);
    assertThat(part.steps()).isEqualTo(7);
    PolicyTrainer.Result rest = new PolicyTrainer(CONFIG, train, NET, Device.cpu()).train(data, interrupted, true, null, Integer.MAX_VALUE);
    assertThat(rest.steps()).isEqualTo(12);
    List<String> a = Files.readAllLines(straight.resolve("loss.csv"));
    List<String> b = Files.readAllLines(interrupted.resolve("loss.csv"));
    assertThat(b).hasSize(13);
    assertThat(b.get(12)).startsWith("12,");
    var wa = ModelDirectory.load(straight).weights();
    var wb = ModelDirectory.load(interrupted).weights();
    for (String k : wa.keySet()) {
      float[] x = wa.get(k).toFloatArray();
      float[] y = wb.get(k).toFloatArray();
      for (int i = 0; i < x.length; i++) {
        assertThat(Math.abs(x[i] - y[i])).as("%s[%d]", k, i).isLessThan(1e-5f);
      }
    }
    assertThat(b).isEqualTo(a);
  }

  @Test
  void sameSeedSameWeights() throws Exception {
    SyntheticDataset data = new SyntheticDataset(4, 20, "pos", 2, 5);
    TrainConfig train = new TrainConfig(5, 0, 8, 1e-3, 0, 1e-6, 0.95, 0.999, 4, 0, 0.75, 0.9999);
    new PolicyTrainer(CONFIG, train, NET, Device.cpu()).train(data, dir.resolve("a"), false, null, Integer.MAX_VALUE);
    new PolicyTrainer(CONFIG, train, NET, Device.cpu()).train(data, dir.resolve("b"), false, null, Integer.MAX_VALUE);
    var wa = ModelDirectory.load(dir.resolve("a")).weights();
    var wb = ModelDirectory.load(dir.resolve("b")).weights();
    for (String k : wa.keySet()) {
      assertThat(Arrays.equals(wa.get(k).toFloatArray(), wb.get(k).toFloatArray())).as(k).isTrue();
    }
  }

  /** The mean of every action of {@code data} (2-D actions): what a policy that ignores the history would best say. */
  static double[] meanAction(SyntheticDataset data) {
    double[] mean = new double[2];
    int count = 0;
    for (int e = 0; e < data.size(); e++) {
      for (float[] a : data.episode(e).actions()) {
        mean[0] += a[0];
        mean[1] += a[1];
        count++;
      }
    }
    mean[0] /= count;
    mean[1] /= count;
    return mean;
  }
}
