package io.diffpilot.policy.fast;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.diffpilot.policy.io.Safetensors;
import io.diffpilot.policy.unet.UnetConfig;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The java backward pass against PyTorch's autograd (fixtures of src/test/python/make_unet_grad_fixtures.py). */
class TrainableUnet1dFixtureTest {

  @ParameterizedTest(name = "{0}, {1} thread(s)")
  @CsvSource({"film_scale, 1", "film_scale, 2", "bias_only, 2"})
  void lossAndEveryGradientMatchPyTorch(String name, int threads) throws Exception {
    URL url = getClass().getResource("/fixtures/unet-grad/" + name + ".json");
    assertThat(url).as("fixture written by src/test/python/make_unet_grad_fixtures.py").isNotNull();
    Path dir = Path.of(url.toURI()).getParent();
    JsonNode meta = new ObjectMapper().readTree(dir.resolve(name + ".json").toFile());
    List<Integer> down = new ArrayList<>();
    meta.get("down_dims").forEach(n -> down.add(n.asInt()));
    UnetConfig cfg = new UnetConfig(meta.get("input_dim").asInt(), meta.get("global_cond_dim").asInt(),
        meta.get("dsed").asInt(), down, meta.get("k").asInt(), meta.get("n_groups").asInt(),
        meta.get("predict_scale").asBoolean());
    Map<String, Safetensors.Tensor> io = Safetensors.read(dir.resolve(name + ".io.safetensors"));
    Map<String, Safetensors.Tensor> sd = Safetensors.read(dir.resolve(name + ".weights.safetensors"));
    Map<String, Safetensors.Tensor> grads = Safetensors.read(dir.resolve(name + ".grad.safetensors"));
    int batch = meta.get("batch").asInt();
    try (TrainableUnet1d net = TrainableUnet1d.create(cfg, sd, meta.get("horizon").asInt(), batch, threads)) {
      double loss = net.lossAndGradient(io.get("sample").toFloatArray(), io.get("timestep").toLongArray(),
          io.get("global_cond").toFloatArray(), io.get("target").toFloatArray(), batch);
      double expectedLoss = io.get("loss").toFloatArray()[0];
      assertThat(Math.abs(loss - expectedLoss)).as("loss vs PyTorch").isLessThanOrEqualTo(1e-5 * expectedLoss);
      Map<String, float[]> expected = new java.util.LinkedHashMap<>();
      grads.forEach((k, v) -> expected.put(k, v.toFloatArray()));
      GradientCheck.assertMatches(expected, net.layout(), net.gradient(), "PyTorch");
    }
  }
}
