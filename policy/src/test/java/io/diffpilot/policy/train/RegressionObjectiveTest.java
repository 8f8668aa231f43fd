package io.diffpilot.policy.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import io.diffpilot.core.Episode;
import io.diffpilot.core.Sampling;
import io.diffpilot.policy.model.ModelDirectory;
import io.diffpilot.policy.model.RegressionPolicy;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Objective#REGRESSION}: the same network fitted to the actions directly, read back by RegressionPolicy. */
class RegressionObjectiveTest {

  @TempDir Path dir;

  @Test
  void regressionRunPredictsActionsInOneForwardIgnoringTheSeed() throws Exception {
    SyntheticDataset data = new SyntheticDataset(32, 30, "pos", 2, 3);
    TrainConfig train = new TrainConfig(400, 0, 64, 2e-3, 40, 1e-6, 0.95, 0.999, 1, 0, 0.75, 0.9999);
    PolicyTrainer.Result r = new PolicyTrainer(PolicyTrainerTest.CONFIG, train, PolicyTrainerTest.NET, Device.cpu(),
        Objective.REGRESSION).train(data, dir, false, null, Integer.MAX_VALUE);
    assertThat(r.finalLoss()).isLessThan(r.firstLoss() / 5);

    try (RegressionPolicy policy = RegressionPolicy.create(ModelDirectory.load(dir), PolicyTrainerTest.NET, Device.cpu())) {
      double[] mean = PolicyTrainerTest.meanAction(data);
      double err = 0;
      double spread = 0;
      int n = 0;
      for (int e = 0; e < 8; e++) {
        Episode ep = data.episode(e);
        int t = 10 + e;
        float[][] history = {ep.observation("pos")[t - 1], ep.observation("pos")[t]};
        float[][] a = policy.predictChunk(history, Sampling.ddim(10, e));
        float[][] b = policy.predictChunk(history, Sampling.ddim(3, e + 100));
        assertThat(a).isDeepEqualTo(b); // deterministic: no noise, no sampler
        assertThat(a.length).isEqualTo(4);
        for (int i = 0; i < a.length; i++) {
          float[] truth = ep.actions()[t + i];
          err += Math.hypot(a[i][0] - truth[0], a[i][1] - truth[1]);
          spread += Math.hypot(mean[0] - truth[0], mean[1] - truth[1]);
          n++;
        }
      }
      // A regressor that ignored the history would at best output the data mean.
      System.out.printf("regression action error %.4f, data-mean baseline %.4f%n", err / n, spread / n);
      assertThat(err / n).isLessThan(0.7 * spread / n);
      assertThatThrownBy(() -> policy.predictChunk(new float[][] {{0f, 0f}}, Sampling.ddim(1, 0)))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("obsSteps");
      assertThatThrownBy(() -> policy.predictChunk(new float[][] {{0f, 0f}, {Float.NaN, 0f}}, Sampling.ddim(1, 0)))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not finite");
    }
  }
}
