package io.diffpilot.policy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.diffpilot.policy.io.Safetensors;
import io.diffpilot.policy.io.Safetensors.Tensor;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Smoke tests of {@code import diffusion-policy} and {@code model denoise} at tiny size. */
class PolicyCliTest {

  @TempDir Path tmp;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine root = new CommandLine(new PolicyCli.Group());
    PolicyCli.register(root);
    root.setOut(new PrintWriter(out, true));
    root.setErr(new PrintWriter(err, true));
    return root.execute(args);
  }

  private static Path fixture(String file) throws Exception {
    return Path.of(PolicyCliTest.class.getResource("/fixtures/unet/" + file).toURI());
  }

  @Test
  void importedFixtureDenoisesToThePyTorchOutputs() throws Exception {
    for (String name : List.of("film_scale", "bias_only")) {
      Path model = tmp.resolve(name);
      int nGroups = name.equals("film_scale") ? 8 : 4;
      int horizon = name.equals("film_scale") ? 16 : 8;
      assertThat(run("import", "diffusion-policy", "--state-dict", fixture(name + ".weights.safetensors").toString(),
          "--out", model.toString(), "--n-groups", String.valueOf(nGroups), "--obs-steps", "1", "--horizon",
          String.valueOf(horizon), "--action-steps", "4")).as(err.toString()).isZero();
      assertThat(model.resolve("weights.safetensors")).exists();

      JsonNode config = new ObjectMapper(new YAMLFactory()).readTree(model.resolve("config.yaml").toFile());
      JsonNode expected = new ObjectMapper().readTree(fixture(name + ".json").toFile());
      assertThat(config.at("/network/input_dim").asInt()).isEqualTo(expected.get("input_dim").asInt());
      assertThat(config.at("/network/global_cond_dim").asInt()).isEqualTo(expected.get("global_cond_dim").asInt());
      assertThat(config.at("/network/step_embed_dim").asInt()).isEqualTo(expected.get("dsed").asInt());
      assertThat(config.at("/network/down_dims").toString()).isEqualTo(expected.get("down_dims").toString());
      assertThat(config.at("/network/kernel_size").asInt()).isEqualTo(expected.get("k").asInt());
      assertThat(config.at("/network/cond_predict_scale").asBoolean()).isEqualTo(expected.get("predict_scale").asBoolean());
      assertThat(config.at("/policy/horizon").asInt()).isEqualTo(horizon);
      assertThat(config.at("/policy/obs_dim").asInt()).isEqualTo(expected.get("global_cond_dim").asInt());
      assertThat(config.at("/schedule/beta_schedule").asText()).isEqualTo("squaredcos_cap_v2");
      JsonNode norm = new ObjectMapper().readTree(model.resolve("normalizer.json").toFile());
      assertThat(norm.at("/action/min").size()).isEqualTo(expected.get("input_dim").asInt());
      assertThat(norm.at("/action/min/0").asDouble()).isEqualTo(-1.0);
      assertThat(norm.at("/obs/max/0").asDouble()).isEqualTo(1.0);

      // the policy's own reader accepts the imported directory
      var dir = io.diffpilot.policy.model.ModelDirectory.load(model);
      assertThat(dir.config().network().downDims().toString().replace(" ", "")).isEqualTo(expected.get("down_dims").toString());
      assertThat(dir.config().network().nGroups()).isEqualTo(nGroups);
      assertThat(dir.config().policy().actionSteps()).isEqualTo(4);
      assertThat(dir.weights()).hasSameSizeAs(Safetensors.read(fixture(name + ".weights.safetensors")));

      Path result = tmp.resolve(name + ".out.safetensors");
      assertThat(run("model", "denoise", "--model", model.toString(), "--input", fixture(name + ".io.safetensors").toString(),
          "--out", result.toString())).as(err.toString()).isZero();
      float[] got = Safetensors.read(result).get("output").toFloatArray();
      float[] want = Safetensors.read(fixture(name + ".io.safetensors")).get("output").toFloatArray();
      double maxErr = 0;
      for (int i = 0; i < want.length; i++) {
        maxErr = Math.max(maxErr, Math.abs(got[i] - want[i]));
      }
      assertThat(got).hasSize(want.length);
      assertThat(maxErr).as(name).isLessThanOrEqualTo(1e-4);
    }
  }

  @Test
  void importRejectsAFileThatIsNotAUnetStateDict() throws Exception {
    Path bogus = tmp.resolve("bogus.safetensors");
    Safetensors.write(bogus, Map.of("linear.weight", Tensor.ofFloats(new float[4], 2, 2)), Map.of());
    assertThat(run("import", "diffusion-policy", "--state-dict", bogus.toString(), "--out", tmp.resolve("m").toString()))
        .isEqualTo(2);
    assertThat(err.toString()).contains("not a ConditionalUnet1D state dict").contains("diffusion_step_encoder.3.weight");
    assertThat(tmp.resolve("m")).doesNotExist();

    Path truncated = tmp.resolve("truncated.safetensors");
    byte[] bytes = Files.readAllBytes(fixture("bias_only.weights.safetensors"));
    Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    assertThat(run("import", "diffusion-policy", "--state-dict", truncated.toString(), "--out", tmp.resolve("m").toString()))
        .isEqualTo(2);
    assertThat(err.toString()).contains("truncated");
  }

  @Test
  void denoiseRejectsInputsOfTheWrongShape() throws Exception {
    Path model = tmp.resolve("m");
    assertThat(run("import", "diffusion-policy", "--state-dict", fixture("bias_only.weights.safetensors").toString(),
        "--out", model.toString(), "--n-groups", "4", "--obs-steps", "1", "--horizon", "8")).as(err.toString()).isZero();
    Path in = tmp.resolve("in.safetensors");
    Safetensors.write(in, Map.of("sample", Tensor.ofFloats(new float[2 * 8 * 2], 2, 8, 2), "timestep",
        Tensor.ofLongs(new long[2], 2), "global_cond", Tensor.ofFloats(new float[14], 2, 7)), Map.of());
    assertThat(run("model", "denoise", "--model", model.toString(), "--input", in.toString(), "--out",
        tmp.resolve("o.safetensors").toString())).isEqualTo(2);
    assertThat(err.toString()).contains("sample [2, 8, 2] must be [B, T, 3]");
  }
}
