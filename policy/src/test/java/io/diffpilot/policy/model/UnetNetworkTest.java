package io.diffpilot.policy.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.diffpilot.policy.sampling.GaussianNoise;
import io.diffpilot.policy.unet.UnetConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class UnetNetworkTest {

  @Test
  void trainingAndInferenceForwardsAgreeBeforeAndAfterAnInPlaceUpdate() {
    try (NDManager m = NDManager.newBaseManager()) {
      Engine.getInstance().setRandomSeed(3);
      UnetNetwork net = new UnetNetwork(new UnetConfig(2, 4, 16, List.of(16, 32), 3, 8, true));
      net.initialize(m);
      ParameterStore ps = new ParameterStore(m, false);
      NDArray x = GaussianNoise.seeded(1, 3).next(m, new Shape(3, 8, 2));
      NDArray t = m.create(new long[] {0, 50, 99});
      NDArray c = GaussianNoise.seeded(2, 3).next(m, new Shape(3, 4));
      NDArray inference = net.forward(ps, x, t, c, false);
      NDArray training = net.forward(ps, x, t, c, true);
      assertThat(inference.sub(training).abs().max().getFloat()).isLessThan(1e-5f);
      // change every weight in place, as the optimizer does; after parametersChanged the cached
      // upsampling kernels must follow
      for (var p : net.namedParameters().values()) {
        p.getArray().muli(1.1f);
      }
      net.parametersChanged();
      NDArray inference2 = net.forward(ps, x, t, c, false);
      NDArray training2 = net.forward(ps, x, t, c, true);
      assertThat(inference2.sub(training2).abs().max().getFloat()).isLessThan(1e-5f);
      assertThat(inference2.sub(inference).abs().max().getFloat()).isGreaterThan(1e-3f);
    }
  }
}
