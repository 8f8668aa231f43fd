package io.diffpilot.policy.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import io.diffpilot.policy.io.Safetensors;
import io.diffpilot.policy.model.UnetNetwork;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The java training backend against the DJL one, step for step, and its checkpoints. */
class JavaBackendTrainingTest {

  @TempDir Path dir;

  private static TrainConfig config(int steps, String backend, int threads) {
    return new TrainConfig(steps, 0, 16, 1e-3, 20, 1e-6, 0.95, 0.999, 7, 50, 0.75, 0.9999, backend, threads, 40);
  }

  private static PolicyTrainer trainer(int steps, String backend, int threads) {
    return new PolicyTrainer(PolicyTrainerTest.UNET_CONFIG, config(steps, backend, threads), UnetNetwork.FACTORY,
        Device.cpu());
  }

  private Map<String, Safetensors.Tensor> weights(String run) throws IOException {
    return Safetensors.read(dir.resolve(run).resolve("weights.safetensors"));
  }

  @Test
  void twoHundredStepsFollowTheDjlLossCurve() throws Exception {
    SyntheticDataset data = new SyntheticDataset(16, 30, "pos", 2, 3);
    trainer(200, "djl", 1).train(data, dir.resolve("djl"), false, null, Integer.MAX_VALUE);
    PolicyTrainer java = trainer(200, "java", 2);
    assertThat(java.backend()).isEqualTo("java");
    java.train(data, dir.resolve("java"), false, null, Integer.MAX_VALUE);

    List<LossLog.Entry> djl = LossLog.read(dir.resolve("djl").resolve(LossLog.FILE), 200).entries();
    List<LossLog.Entry> jv = LossLog.read(dir.resolve("java").resolve(LossLog.FILE), 200).entries();
    assertThat(jv).hasSize(200);
    assertThat(djl).hasSize(200);
    double worst = 0;
    for (int i = 0; i < 200; i++) {
      assertThat(jv.get(i).lr()).isEqualTo(djl.get(i).lr());
      worst = Math.max(worst, Math.abs(jv.get(i).loss() - djl.get(i).loss()) / djl.get(i).loss());
    }
    System.out.printf("java vs djl, 200 steps: worst relative loss difference %.2e (first %.4f, last %.4f / %.4f)%n",
        worst, djl.get(0).loss(), djl.get(199).loss(), jv.get(199).loss());
    assertThat(worst).as("worst relative loss difference over 200 steps").isLessThan(1e-4);

    Map<String, Safetensors.Tensor> a = weights("djl");
    Map<String, Safetensors.Tensor> b = weights("java");
    assertThat(b.keySet()).isEqualTo(a.keySet());
    for (String k : a.keySet()) {
      float[] x = a.get(k).toFloatArray();
      float[] y = b.get(k).toFloatArray();
      double max = 0;
      double diff = 0;
      for (int i = 0; i < x.length; i++) {
        max = Math.max(max, Math.abs(x[i]));
        diff = Math.max(diff, Math.abs(x[i] - y[i]));
      }
      assertThat(diff).as("EMA weight " + k).isLessThanOrEqualTo(1e-3 * Math.max(max, 1e-3));
    }
  }

  @Test
  void resumedRunEqualsTheUninterruptedOne() throws Exception {
    SyntheticDataset data = new SyntheticDataset(16, 30, "pos", 2, 3);
    trainer(60, "java", 2).train(data, dir.resolve("whole"), false, null, Integer.MAX_VALUE);
    PolicyTrainer split = trainer(60, "java", 2);
    split.train(data, dir.resolve("split"), false, null, 25);
    split.train(data, dir.resolve("split"), true, null, Integer.MAX_VALUE);
    Map<String, Safetensors.Tensor> a = weights("whole");
    Map<String, Safetensors.Tensor> b = weights("split");
    assertThat(dir.resolve("split/snapshots/step-0000040/weights.safetensors")).exists();
    assertThat(io.diffpilot.policy.model.ModelDirectory.load(dir.resolve("whole/snapshots/step-0000040")).weights())
        .containsOnlyKeys(a.keySet());
    for (String k : a.keySet()) {
      assertThat(b.get(k).toFloatArray()).as(k).containsExactly(a.get(k).toFloatArray());
    }
  }
}
