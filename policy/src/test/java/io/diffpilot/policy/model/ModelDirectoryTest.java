package io.diffpilot.policy.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.diffpilot.policy.io.Safetensors;
import io.diffpilot.policy.io.Safetensors.Tensor;
import io.diffpilot.policy.normalize.LinearNormalizer;
import io.diffpilot.policy.normalize.MinMaxRange;
import io.diffpilot.policy.schedule.TimestepSpacing;
import io.diffpilot.policy.unet.UnetConfig;
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
        .contains("network:", "policy:", "schedule:", "inference:", "beta_schedule: squaredcos_cap_v2", "obs_key: keypoints");
  }

  @Test
  void directoryWithOnlyTheNetworkSectionGetsDefaults() throws Exception {
    Files.writeString(dir.resolve("config.yaml"), """
        network:
          input_dim: 2
          global_cond_dim: 40
          step_embed_dim: 256
          down_dims: [64, 128, 256]
          kernel_size: 5
          n_groups: 8
          cond_predict_scale: true
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
        network: {input_dim: 2, global_cond_dim: 40, step_embed_dim: 256, down_dims: [64, 128, 256], kernel_size: 5, n_groups: 8, cond_predict_scale: true}
        policy: {obs_key: keypoints, obs_dim: 20, action_dim: 2, obs_steps: 2, horzion: 16, action_steps: 8}
        """);
    assertThatThrownBy(() -> ModelDirectory.readConfig(file)).hasMessageContaining("config.yaml").hasMessageContaining("'policy'")
        .hasMessageContaining("horzion");
    Files.writeString(file, """
        network: {input_dim: 2, global_cond_dim: 40, step_embed_dim: 256, down_dims: [64, 128, 256], kernel_size: 5, n_groups: 8, cond_predict_scale: true}
        schedule: {train_timesteps: 100, beta_schedule: cosine, beta_start: 0.0001, beta_end: 0.02, prediction_type: epsilon, clip_sample: true, clip_sample_range: 1.0}
        """);
    assertThatThrownBy(() -> ModelDirectory.readConfig(file)).hasMessageContaining("'schedule'").hasMessageContaining("cosine");
    Files.writeString(file, "policy: {}\n");
    assertThatThrownBy(() -> ModelDirectory.readConfig(file)).hasMessageContaining("'network' section is required");
  }

  /** config.yaml as `train` wrote it before keys became snake_case (models on users' disks). */
  private static final String CAMEL_CASE_CONFIG = """
      network: {inputDim: 2, globalCondDim: 40, stepEmbedDim: 256, downDims: [64, 128, 256], kernelSize: 5, nGroups: 8, condPredictScale: true}
      policy: {obsKey: keypoints, obsDim: 20, actionDim: 2, obsSteps: 2, horizon: 16, actionSteps: 8}
      schedule: {trainTimesteps: 100, betaSchedule: squaredcos_cap_v2, betaStart: 1.0E-4, betaEnd: 0.02, predictionType: epsilon, clipSample: true, clipSampleRange: 1.0}
      inference: {sampler: ddim, steps: 8, eta: 0.0, timestepSpacing: leading, device: cpu, backend: auto}
      """;

  @Test
  void camelCaseKeysOfOlderModelDirectoriesStillLoadAndAreWrittenBackInSnakeCase() throws Exception {
    Path file = dir.resolve("config.yaml");
    Files.writeString(file, CAMEL_CASE_CONFIG);
    PolicyConfig old = ModelDirectory.readConfig(file);
    PolicyConfig expected = new PolicyConfig(UnetConfig.small(2, 40), PolicyConfig.pushTKeypoints().policy(),
        PolicyConfig.pushTKeypoints().schedule(), new InferenceConfig("ddim", 8, 0, TimestepSpacing.LEADING, "cpu", "auto"));
    assertThat(old).isEqualTo(expected);

    ModelDirectory.writeConfig(file, old);
    String written = Files.readString(file);
    assertThat(written).contains("input_dim: 2", "global_cond_dim: 40", "down_dims:", "n_groups: 8", "obs_key: keypoints",
        "action_steps: 8", "train_timesteps: 100", "clip_sample_range: 1.0", "timestep_spacing: leading")
        .doesNotContainPattern("(?m)^\\s+[a-z]+[A-Z]\\w*:");
    assertThat(ModelDirectory.readConfig(file)).isEqualTo(old);
  }

  @Test
  void aKeyGivenInBothSpellingsOrMisspelledInCamelCaseIsNamed() throws Exception {
    Path file = dir.resolve("config.yaml");
    Files.writeString(file, CAMEL_CASE_CONFIG.replace("inputDim: 2,", "inputDim: 2, input_dim: 2,"));
    assertThatThrownBy(() -> ModelDirectory.readConfig(file)).hasMessageContaining("'network'")
        .hasMessageContaining("'inputDim' and 'input_dim' both given");
    Files.writeString(file, CAMEL_CASE_CONFIG.replace("obsSteps", "obsStep"));
    assertThatThrownBy(() -> ModelDirectory.readConfig(file)).hasMessageContaining("'policy'")
        .hasMessageContaining("unknown key 'obsStep'");
  }

  @Test
  void missingWeightsIsAClearError() throws Exception {
    ModelDirectory.writeConfig(dir.resolve("config.yaml"), PolicyConfig.pushTKeypoints());
    assertThatThrownBy(() -> ModelDirectory.load(dir)).hasMessageContaining("weights.safetensors");
  }
}
