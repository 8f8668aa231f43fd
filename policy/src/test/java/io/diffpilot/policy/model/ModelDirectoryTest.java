package io.diffpilot.policy.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.diffpilot.policy.io.Safetensors;
import io.diffpilot.policy.io.Safetensors.Tensor;
import io.diffpilot.policy.normalize.LinearNormalizer;
import io.diffpilot.policy.normalize.MinMaxRange;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelDirectoryTest {

  @TempDir Path dir;

  @Test
  void saveThenLoadRoundTripsConfigWeightsAndNormalizer() throws Exception {
    PolicyConfig config = PolicyConfig.pushTKeypoints();
    Map<String, Tensor> weights = Map.of("final_conv.1.bias", Tensor.ofFloats(new float[] {0.5f, -1.25f}, 2));
    float[] lo = new float[20];
    float[] hi = new float[20];
    java.util.Arrays.fill(hi, 512f);
    LinearNormalizer n = new LinearNormalizer(new MinMaxRange(lo, hi), new MinMaxRange(new float[] {1f, 2f}, new float[] {3f, 4f}));
    new ModelDirectory(config, weights, n).save(dir);

    ModelDirectory back = ModelDirectory.load(dir);
    assertThat(back.config()).isEqualTo(config);
    assertThat(back.normalizer()).isEqualTo(n);
    assertThat(back.weights().get("final_conv.1.bias").toFloatArray()).containsExactly(0.5f, -1.25f);
    assertThat(Files.readString(dir.resolve("config.yaml")))
        .contains("network:", "policy:", "schedule:", "inference:", "betaSchedule: squaredcos_cap_v2", "obsKey: keypoints");
  }

  @Test
  void directoryWithOnlyTheNetworkSectionGetsDefaults() throws Exception {
    Files.writeString(dir.resolve("config.yaml"), """
        network:
          inputDim: 2
          globalCondDim: 40
          stepEmbedDim: 256
          downDims: [64, 128, 256]
          kernelSize: 5
          nGroups: 8
          condPredictScale: true
        """);
    Safetensors.write(dir.resolve("weights.safetensors"), Map.of("x", Tensor.ofFloats(new float[] {1f}, 1)), Map.of());
    ModelDirectory m = ModelDirectory.load(dir);
    assertThat(m.config().policy().obsDim()).isEqualTo(20);
    assertThat(m.config().policy().horizon()).isEqualTo(16);
    assertThat(m.config().schedule().trainTimesteps()).isEqualTo(100);
    assertThat(m.normalizer()).isEqualTo(LinearNormalizer.identity(20, 2));
  }

  @Test
  void typosAndBadValuesNameTheFileAndSection() throws Exception {
    Path file = dir.resolve("config.yaml");
    Files.writeString(file, """
        network: {inputDim: 2, globalCondDim: 40, stepEmbedDim: 256, downDims: [64, 128, 256], kernelSize: 5, nGroups: 8, condPredictScale: true}
        policy: {obsKey: keypoints, obsDim: 20, actionDim: 2, obsSteps: 2, horzion: 16, actionSteps: 8}
        """);
    assertThatThrownBy(() -> ModelDirectory.readConfig(file)).hasMessageContaining("config.yaml").hasMessageContaining("'policy'")
        .hasMessageContaining("horzion");
    Files.writeString(file, """
        network: {inputDim: 2, globalCondDim: 40, stepEmbedDim: 256, downDims: [64, 128, 256], kernelSize: 5, nGroups: 8, condPredictScale: true}
        schedule: {trainTimesteps: 100, betaSchedule: cosine, betaStart: 0.0001, betaEnd: 0.02, predictionType: epsilon, clipSample: true, clipSampleRange: 1.0}
        """);
    assertThatThrownBy(() -> ModelDirectory.readConfig(file)).hasMessageContaining("'schedule'").hasMessageContaining("cosine");
    Files.writeString(file, "policy: {}\n");
    assertThatThrownBy(() -> ModelDirectory.readConfig(file)).hasMessageContaining("'network' section is required");
  }

  @Test
  void missingWeightsIsAClearError() throws Exception {
    ModelDirectory.writeConfig(dir.resolve("config.yaml"), PolicyConfig.pushTKeypoints());
    assertThatThrownBy(() -> ModelDirectory.load(dir)).hasMessageContaining("weights.safetensors");
  }
}
