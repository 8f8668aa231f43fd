package io.diffpilot.policy.fast;

import static org.assertj.core.api.Assertions.assertThat;

import io.diffpilot.policy.io.Safetensors;
import io.diffpilot.policy.unet.UnetFixtures;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The java backward pass against PyTorch's autograd (fixtures of src/test/python/make_unet_grad_fixtures.py). */
class TrainableUnet1dFixtureTest {

  @ParameterizedTest(name = "{0}, {1} thread(s)")
  @CsvSource({"film_scale, 1", "film_scale, 2", "bias_only, 2"})
  void lossAndEveryGradientMatchPyTorch(String name, int threads) throws Exception {
    UnetFixtures f = UnetFixtures.load("unet-grad", name);
    Map<String, Safetensors.Tensor> io = f.io();
    Map<String, Safetensors.Tensor> grads = f.tensors("grad");
    int batch = f.batch();
    try (TrainableUnet1d net = TrainableUnet1d.create(f.expectedConfig(), f.stateDict(), f.horizon(), batch, threads)) {
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
