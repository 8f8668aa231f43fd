package io.diffpilot.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import io.diffpilot.core.ChunkPolicy;
import io.diffpilot.core.Sampling;
import io.diffpilot.policy.model.UnetNetwork;
import io.diffpilot.policy.model.DenoisingNetwork;
import io.diffpilot.policy.model.InferenceConfig;
import io.diffpilot.policy.model.ModelDirectory;
import io.diffpilot.policy.model.NetworkWeights;
import io.diffpilot.policy.model.PolicyConfig;
import io.diffpilot.policy.model.PolicyLayout;
import io.diffpilot.policy.normalize.LinearNormalizer;
import io.diffpilot.policy.normalize.MinMaxRange;
import io.diffpilot.policy.schedule.ScheduleConfig;
import io.diffpilot.policy.unet.UnetConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class DefaultPolicyFactoryTest {
  @TempDir
  Path dir;

  /** A tiny randomly initialised diffusion model directory: obs [2 x 4] → actions [4 x 2]. */
  public static Path tinyModel(Path dir) throws IOException {
    UnetConfig net = new UnetConfig(2, 8, 32, List.of(32, 64), 5, 8, true);
    PolicyConfig config = new PolicyConfig(net, new PolicyLayout("obs", 4, 2, 2, 8, 4), ScheduleConfig.defaults(),
        InferenceConfig.defaults());
    Engine.getInstance().setRandomSeed(3);
    try (NDManager m = NDManager.newBaseManager()) {
      DenoisingNetwork network = UnetNetwork.FACTORY.create(config);
      network.initialize(m);
      LinearNormalizer normalizer = new LinearNormalizer(
          new MinMaxRange(new float[] {-1, -1, -1, -1}, new float[] {1, 1, 1, 1}),
          new MinMaxRange(new float[] {0, 0}, new float[] {4, 4}));
      new ModelDirectory(config, NetworkWeights.stateDict(network), normalizer).save(dir);
    }
    return dir;
  }

  /**
   * Without {@code --add-modules jdk.incubator.vector} (this module's tests run without it, as
   * roslaunch's node did before the shared launcher) backend auto falls back to DJL: the report
   * says so and names the fix. With the module, the java backend and its vector kernel run.
   */
  @Test
  void backendReportNamesTheBackendAndAnyFallback() throws IOException {
    Path model = tinyModel(dir.resolve("tiny-report"));
    boolean vector = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    try (ChunkPolicy p = new DefaultPolicyFactory().create(new RunConfig.Policy(model, null))) {
      io.diffpilot.policy.backend.BackendReport r = DefaultPolicyFactory.report(p);
      if (vector) {
        assertThat(r.summary()).startsWith("java/vector-");
        assertThat(r.fallback()).isEmpty();
      } else {
        assertThat(r.summary()).isEqualTo("djl/pytorch (fallback)");
        assertThat(r.fallback()).hasValueSatisfying(f -> assertThat(f).contains("--add-modules jdk.incubator.vector"));
      }
    }
    try (ChunkPolicy fake = new DefaultPolicyFactory().create(new RunConfig.Policy(null, new RunConfig.Fake(2, 2, 8, 2, 0)))) {
      assertThat(DefaultPolicyFactory.report(fake).summary()).isEqualTo("fake/fixed-cost");
    }
  }

  @Test
  void loadsADiffusionModelDirectory() throws IOException {
    Path model = tinyModel(dir.resolve("tiny"));
    try (ChunkPolicy p = new DefaultPolicyFactory().create(new RunConfig.Policy(model, null))) {
      assertThat(p.obsDim()).isEqualTo(4);
      assertThat(p.actionDim()).isEqualTo(2);
      float[][] chunk = p.predictChunk(new float[p.obsSteps()][p.obsDim()], Sampling.ddim(3, 1));
      assertThat(chunk).hasNumberOfRows(p.actionSteps());
      assertThat(chunk[0]).hasSize(2);
    }
  }

  @Test
  void aMissingModelDirectoryIsAClearError() {
    assertThatThrownBy(() -> new DefaultPolicyFactory().create(new RunConfig.Policy(dir.resolve("nope"), null)))
        .isInstanceOf(IOException.class).hasMessageContaining("nope").hasMessageContaining("not a directory");
  }
}
