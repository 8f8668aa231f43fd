package io.diffpilot.policy.fast;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.diffpilot.policy.io.Safetensors;
import io.diffpilot.policy.unet.UnetConfig;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** FastUnet1d against PyTorch's outputs (fixtures of src/test/python/make_unet_fixtures.py). */
class FastUnet1dFixtureTest {

  @ParameterizedTest(name = "{0}, {1} thread(s)")
  @CsvSource({"film_scale, 1", "film_scale, 2", "bias_only, 1", "bias_only, 2"})
  void reproducesPyTorchOutputs(String name, int threads) throws Exception {
    Path dir = Path.of(resource("/fixtures/unet/" + name + ".json")).getParent();
    JsonNode meta = new ObjectMapper().readTree(dir.resolve(name + ".json").toFile());
    List<Integer> down = new ArrayList<>();
    meta.get("down_dims").forEach(n -> down.add(n.asInt()));
    UnetConfig cfg = new UnetConfig(meta.get("input_dim").asInt(), meta.get("global_cond_dim").asInt(),
        meta.get("dsed").asInt(), down, meta.get("k").asInt(), meta.get("n_groups").asInt(),
        meta.get("predict_scale").asBoolean());
    Map<String, Safetensors.Tensor> io = Safetensors.read(dir.resolve(name + ".io.safetensors"));
    Map<String, Safetensors.Tensor> sd = Safetensors.read(dir.resolve(name + ".weights.safetensors"));
    int batch = meta.get("batch").asInt();
    int horizon = meta.get("horizon").asInt();
    float[] expected = io.get("output").toFloatArray();
    float[] actual = new float[expected.length];
    try (FastUnet1d net = FastUnet1d.create(cfg, sd, horizon, batch, threads)) {
      net.forward(io.get("sample").toFloatArray(), io.get("timestep").toLongArray(),
          io.get("global_cond").toFloatArray(), batch, actual);
    }
    double maxAbs = 0;
    for (int i = 0; i < expected.length; i++) {
      maxAbs = Math.max(maxAbs, Math.abs((double) expected[i] - actual[i]));
    }
    assertThat(maxAbs).as("max abs error vs PyTorch").isLessThanOrEqualTo(1e-4);
  }

  private static java.net.URI resource(String name) throws URISyntaxException {
    var url = FastUnet1dFixtureTest.class.getResource(name);
    if (url == null) {
      throw new AssertionError("missing test fixture " + name + " (written by src/test/python/make_unet_fixtures.py)");
    }
    return url.toURI();
  }
}
