package io.diffpilot.policy.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingSpecTest {

  @TempDir Path dir;

  private static final String SNAKE_CASE = """
      network: {input_dim: 2, global_cond_dim: 4, step_embed_dim: 16, down_dims: [16, 32], kernel_size: 3, n_groups: 8, cond_predict_scale: true}
      policy: {obs_key: pos, obs_dim: 2, action_dim: 2, obs_steps: 2, horizon: 8, action_steps: 4}
      train: {steps: 7, batch_size: 8, lr: 0.001, warmup_steps: 2, weight_decay: 0.01, checkpoint_every: 3, ema_power: 0.5,
              ema_max_decay: 0.99, snapshot_every: 5, seed: 5}
      dataset: {type: synthetic, episodes: 3, length: 12, seed: 1}
      """;

  /** The same file as older versions wrote it: every key in camelCase (no value has an underscore). */
  private static final String CAMEL_CASE =
      Pattern.compile("_([a-z])").matcher(SNAKE_CASE).replaceAll(m -> m.group(1).toUpperCase(Locale.ROOT));

  private TrainingSpec read(String yaml) throws Exception {
    Path file = dir.resolve("train.yaml");
    Files.writeString(file, yaml);
    return TrainingSpec.read(file);
  }

  @Test
  void snakeCaseKeysSetEveryTrainField() throws Exception {
    TrainConfig t = read(SNAKE_CASE).train();
    assertThat(t).isEqualTo(new TrainConfig(7, 0, 8, 0.001, 2, 0.01, 0.95, 0.999, 5, 3, 0.5, 0.99, "auto", 0, 5));
    assertThat(read(SNAKE_CASE).dataset()).isEqualTo(Map.of("type", "synthetic", "episodes", 3, "length", 12, "seed", 1));
  }

  @Test
  void camelCaseTrainingYamlWrittenBeforeStillReadsTheSame() throws Exception {
    assertThat(CAMEL_CASE).contains("globalCondDim", "batchSize").doesNotContain("_");
    assertThat(read(CAMEL_CASE)).isEqualTo(read(SNAKE_CASE));
  }

  @Test
  void aTrainKeyInBothSpellingsIsNamed() {
    assertThatThrownBy(() -> read(SNAKE_CASE.replace("batch_size: 8,", "batch_size: 8, batchSize: 8,")))
        .hasMessageContaining("'train'").hasMessageContaining("'batchSize' and 'batch_size' both given");
  }
}
