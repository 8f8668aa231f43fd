package io.diffpilot.policy.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import io.diffpilot.core.ChunkPolicy;
import io.diffpilot.core.SamplerKind;
import io.diffpilot.core.Sampling;
import io.diffpilot.policy.io.Safetensors;
import io.diffpilot.policy.model.DenoisingNetwork;
import io.diffpilot.policy.model.DiffusionPolicy;
import io.diffpilot.policy.model.InferenceConfig;
import io.diffpilot.policy.model.ModelDirectory;
import io.diffpilot.policy.model.NetworkWeights;
import io.diffpilot.policy.model.PolicyConfig;
import io.diffpilot.policy.model.PolicyLayout;
import io.diffpilot.policy.model.UnetNetwork;
import io.diffpilot.policy.normalize.LinearNormalizer;
import io.diffpilot.policy.normalize.MinMaxRange;
import io.diffpilot.policy.schedule.ScheduleConfig;
import io.diffpilot.policy.schedule.TimestepSpacing;
import io.diffpilot.policy.unet.UnetConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two backends give the same chunk for the same seed.
 *
 * <p>Tolerance: the networks differ by ≤ 1e-4 per evaluation (float summation order; measured
 * ~1e-6 here). DDIM maps x_t to √ᾱ_prev·clip(x̂₀) + √(1−ᾱ_prev)·ε̂ with coefficients ≤ 1 on ε̂
 * but 1/√ᾱ_t (≤ 7 at t = 90 of squaredcos_cap_v2) on ε̂ inside x̂₀, then √ᾱ_prev shrinks it
 * again: over 10 steps a per-call difference δ stays within ~10·δ·(√ᾱ_prev/√ᾱ_t) ≲ 20δ. In
 * normalised units the chunks must agree to 2e-3 (20 × the network bound), and un-normalising
 * scales by half the action range (here 2) — measured differences are ~1e-5.
 */
class InferenceBackendTest {

  private static final UnetConfig NET = new UnetConfig(2, 8, 32, List.of(32, 64), 5, 8, true);
  private static final PolicyConfig CONFIG = new PolicyConfig(NET, new PolicyLayout("obs", 4, 2, 2, 8, 4),
      ScheduleConfig.defaults(), InferenceConfig.defaults());
  private static ModelDirectory model;

  @BeforeAll
  static void randomModel() {
    Engine.getInstance().setRandomSeed(3);
    try (NDManager m = NDManager.newBaseManager()) {
      DenoisingNetwork net = UnetNetwork.FACTORY.create(CONFIG);
      net.initialize(m);
      Map<String, Safetensors.Tensor> weights = NetworkWeights.stateDict(net);
      LinearNormalizer normalizer = new LinearNormalizer(
          new MinMaxRange(new float[] {-1, 0, 2, -3}, new float[] {1, 2, 3, 5}),
          new MinMaxRange(new float[] {0, -4}, new float[] {4, 0}));
      model = new ModelDirectory(CONFIG, weights, normalizer);
    }
  }

  @Test
  void javaAndDjlGiveTheSameDdimChunkForTheSameSeed() {
    assertSameChunks(Sampling.ddim(10, 42), 2e-3);
    assertSameChunks(Sampling.ddim(4, 7), 2e-3);
  }

  @Test
  void javaNetworkBehindTheNdArraySamplersGivesTheSameDpmSolverChunk() {
    assertSameChunks(new Sampling(SamplerKind.DPM_SOLVER_PP, 8, 5), 2e-3);
  }

  private static void assertSameChunks(Sampling sampling, double tolerance) {
    float[][][] histories = new float[3][2][4];
    Random r = new Random(9);
    for (float[][] h : histories) {
      for (float[] o : h) {
        for (int j = 0; j < o.length; j++) {
          o[j] = (float) r.nextGaussian();
        }
      }
    }
    float[][][] fast;
    float[][][] djl;
    try (FastDiffusionPolicy java = FastDiffusionPolicy.create(model, 2)) {
      fast = java.predictChunks(histories, sampling);
      assertThat(java.predictChunk(histories[0], sampling)).isDeepEqualTo(fast[0]);
    }
    try (DiffusionPolicy reference = DiffusionPolicy.create(model, UnetNetwork.FACTORY, Device.cpu())) {
      djl = reference.predictChunks(histories, sampling);
    }
    double maxAbs = 0;
    for (int b = 0; b < fast.length; b++) {
      for (int t = 0; t < fast[b].length; t++) {
        for (int a = 0; a < fast[b][t].length; a++) {
          maxAbs = Math.max(maxAbs, Math.abs(fast[b][t][a] - djl[b][t][a]));
        }
      }
    }
    System.out.printf("%s: max abs chunk difference java vs djl %.3g%n", sampling, maxAbs);
    assertThat(maxAbs).as("max abs chunk difference (action units)").isLessThanOrEqualTo(tolerance);
  }

  @Test
  void configChoosesTheBackend() {
    assertThat(InferenceBackends.normalize(CONFIG.inference().backend())).isEqualTo(InferenceBackends.AUTO);
    assertThat(InferenceBackends.providers()).extracting(InferenceBackendProvider::name).containsExactly("java", "djl");
    assertThat(InferenceBackends.select("auto", Device.cpu())).isInstanceOf(JavaBackendProvider.class);
    assertThat(InferenceBackends.select("auto", Device.gpu())).isInstanceOf(DjlBackendProvider.class);
    assertThat(InferenceBackends.select("djl", Device.cpu())).isInstanceOf(DjlBackendProvider.class);
    assertThat(InferenceBackends.select(" Java ", Device.gpu())).isInstanceOf(JavaBackendProvider.class);
    try (ChunkPolicy p = InferenceBackends.open("auto", model, UnetNetwork.FACTORY, Device.cpu(), 1)) {
      assertThat(p).isInstanceOf(FastDiffusionPolicy.class);
    }
    try (ChunkPolicy p = InferenceBackends.open("djl", model, UnetNetwork.FACTORY, Device.cpu(), 1)) {
      assertThat(p).isInstanceOf(DiffusionPolicy.class);
    }
    try (ChunkPolicy p = InferenceBackends.openConfigured(model, Device.cpu(), 2)) {
      assertThat(p).isInstanceOf(FastDiffusionPolicy.class);
      assertThat(p.predictChunk(new float[2][4], Sampling.ddim(2, 1))).hasDimensions(4, 2);
    }
    assertThatThrownBy(() -> InferenceBackends.select("onnx", Device.cpu())).hasMessageContaining("auto, java or djl");
  }

  @Test
  void backendKeyRoundTripsThroughConfigYaml(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("config.yaml");
    PolicyConfig withJava = new PolicyConfig(NET, CONFIG.policy(), CONFIG.schedule(),
        new InferenceConfig("ddim", 10, 0.0, TimestepSpacing.LEADING, "cpu", "java"));
    ModelDirectory.writeConfig(file, withJava);
    assertThat(Files.readString(file)).contains("backend: java");
    assertThat(ModelDirectory.readConfig(file).inference().backend()).isEqualTo("java");
    Files.writeString(file, Files.readString(file).replace("backend: java", "backend: tpu"));
    assertThatThrownBy(() -> ModelDirectory.readConfig(file)).hasStackTraceContaining("inference.backend");
  }
}
