package io.diffpilot.policy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.diffpilot.core.Sampling;
import io.diffpilot.policy.model.DiffusionPolicy;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class TrainCommandTest {

  @TempDir Path dir;

  private static final String YAML = """
      network: {input_dim: 2, global_cond_dim: 4, step_embed_dim: 16, down_dims: [16, 32], kernel_size: 3, n_groups: 8, cond_predict_scale: true}
      policy: {obs_key: pos, obs_dim: 2, action_dim: 2, obs_steps: 2, horizon: 8, action_steps: 4}
      train:
        steps: %d
        batch_size: 8
        lr: 0.001
        warmup_steps: 2
        checkpoint_every: 3
        seed: 5
      dataset: {type: synthetic, episodes: 3, length: 12, seed: 1}
      """;

  private record Run(int code, String out, String err) {}

  private Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = new CommandLine(new TrainCommand());
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int code = cl.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void trainWritesAModelDirectoryThatSamples() throws Exception {
    Path config = dir.resolve("train.yaml");
    Files.writeString(config, YAML.formatted(6));
    Path model = dir.resolve("model");
    Run r = run("--config", config.toString(), "--out", model.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("trained 6 steps");
    for (String f : new String[] {"config.yaml", "weights.safetensors", "normalizer.json", "loss.csv", "loss.png",
        "MODEL_CARD.md", "checkpoint.safetensors"}) {
      assertThat(model.resolve(f)).exists();
    }
    assertThat(Files.readString(model.resolve("config.yaml"))).doesNotContain("train:", "dataset:");
    try (DiffusionPolicy p = DiffusionPolicy.load(model)) {
      float[][] chunk = p.predictChunk(new float[][] {{0.1f, 0.2f}, {0.12f, 0.21f}}, Sampling.ddim(4, 1));
      assertThat(chunk.length).isEqualTo(4);
    }
  }

  @Test
  void resumeContinuesTheStepCount() throws Exception {
    Path config = dir.resolve("train.yaml");
    Path model = dir.resolve("model");
    Files.writeString(config, YAML.formatted(3));
    assertThat(run("--config", config.toString(), "--out", model.toString()).code()).isZero();
    Files.writeString(config, YAML.formatted(5));
    Run r = run("--config", config.toString(), "--out", model.toString(), "--resume");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("trained 5 steps");
    assertThat(Files.readAllLines(model.resolve("loss.csv"))).hasSize(6).last().asString().startsWith("5,");
  }

  @Test
  void badConfigsFailWithTheFileAndSection() throws Exception {
    Path config = dir.resolve("bad.yaml");
    Files.writeString(config, YAML.formatted(3).replace("type: synthetic", "type: nope"));
    Run r = run("--config", config.toString(), "--out", dir.resolve("m").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("unknown type 'nope'", "synthetic");
    Files.writeString(config, YAML.formatted(3).replace("batch_size: 8", "batchsize: 8"));
    r = run("--config", config.toString(), "--out", dir.resolve("m").toString());
    assertThat(r.err()).contains("bad.yaml", "'train'", "batchsize");
  }
}
