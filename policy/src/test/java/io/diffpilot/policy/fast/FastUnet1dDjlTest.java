package io.diffpilot.policy.fast;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import io.diffpilot.policy.io.Safetensors;
import io.diffpilot.policy.unet.ConditionalUnet1d;
import io.diffpilot.policy.unet.UnetConfig;
import io.diffpilot.policy.unet.UnetEvaluator;
import io.diffpilot.policy.unet.UnetWeights;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Java backend against the DJL reference network with the same (randomly initialised) weights. */
class FastUnet1dDjlTest {

  @Test
  void smallNetMatchesDjlReference() {
    assertMatchesDjl(UnetConfig.small(2, 40), 16, 3, 2);
  }

  @Test
  void biasOnlyFilmMatchesDjlReference() {
    assertMatchesDjl(new UnetConfig(3, 12, 32, List.of(32, 64, 96), 3, 4, false), 8, 2, 1);
  }

  private static void assertMatchesDjl(UnetConfig cfg, int horizon, int batch, int threads) {
    Engine.getInstance().setRandomSeed(11);
    try (NDManager manager = NDManager.newBaseManager()) {
      ConditionalUnet1d djl = new ConditionalUnet1d(cfg);
      djl.initializeParameters(manager);
      Map<String, Safetensors.Tensor> sd = UnetWeights.stateDict(djl);
      RandomInputs in = RandomInputs.of(cfg, horizon, batch, 5);
      float[] expected = new UnetEvaluator(djl, manager).forward(in.sample(), in.steps(), in.cond(), batch, horizon);
      float[] actual = new float[expected.length];
      try (FastUnet1d fast = FastUnet1d.create(cfg, sd, horizon, batch, threads)) {
        fast.forward(in.sample(), in.steps(), in.cond(), batch, actual);
      }
      double maxAbs = 0;
      for (int i = 0; i < expected.length; i++) {
        maxAbs = Math.max(maxAbs, Math.abs((double) expected[i] - actual[i]));
      }
      assertThat(maxAbs).as("max abs difference to the DJL network").isLessThanOrEqualTo(1e-4);
    }
  }
}
