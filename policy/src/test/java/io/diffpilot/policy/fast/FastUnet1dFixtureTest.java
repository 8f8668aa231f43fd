package io.diffpilot.policy.fast;

import static org.assertj.core.api.Assertions.assertThat;

import io.diffpilot.policy.io.Safetensors;
import io.diffpilot.policy.unet.UnetFixtures;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** FastUnet1d against PyTorch's outputs (fixtures of src/test/python/make_unet_fixtures.py). */
class FastUnet1dFixtureTest {

  @ParameterizedTest(name = "{0}, {1} thread(s)")
  @CsvSource({"film_scale, 1", "film_scale, 2", "bias_only, 1", "bias_only, 2"})
  void reproducesPyTorchOutputs(String name, int threads) throws Exception {
    UnetFixtures f = UnetFixtures.load(name);
    Map<String, Safetensors.Tensor> io = f.io();
    float[] expected = io.get("output").toFloatArray();
    float[] actual = new float[expected.length];
    try (FastUnet1d net = FastUnet1d.create(f.expectedConfig(), f.stateDict(), f.horizon(), f.batch(), threads)) {
      net.forward(io.get("sample").toFloatArray(), io.get("timestep").toLongArray(),
          io.get("global_cond").toFloatArray(), f.batch(), actual);
    }
    assertThat(UnetFixtures.maxAbsDiff(expected, actual)).as("max abs error vs PyTorch").isLessThanOrEqualTo(1e-4);
  }
}
