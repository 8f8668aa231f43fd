package io.diffpilot.policy.fast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.diffpilot.policy.io.Safetensors;
import io.diffpilot.policy.unet.RandomStateDict;
import io.diffpilot.policy.unet.UnetConfig;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FastDdimTest {

  private static final UnetConfig CFG = new UnetConfig(2, 6, 16, List.of(16, 32), 5, 8, true);

  @Test
  void leadingTimestepsFollowDiffusers() {
    assertThat(FastDdim.leadingTimesteps(100, 10)).containsExactly(90, 80, 70, 60, 50, 40, 30, 20, 10, 0);
    assertThat(FastDdim.leadingTimesteps(100, 16)).containsExactly(
        90, 84, 78, 72, 66, 60, 54, 48, 42, 36, 30, 24, 18, 12, 6, 0);
    assertThat(FastDdim.leadingTimesteps(100, 1)).containsExactly(0);
  }

  @Test
  void squaredCosineScheduleMatchesClosedForm() {
    double[] ac = FastDdim.squaredCosCapV2(100);
    // ᾱ_t telescopes to f((t+1)/N) / f(0) while no β hits the 0.999 cap (all but the last step).
    double f0 = Math.pow(Math.cos(0.008 / 1.008 * Math.PI / 2), 2);
    for (int t : new int[] {0, 9, 50, 98}) {
      double f = Math.pow(Math.cos(((t + 1) / 100.0 + 0.008) / 1.008 * Math.PI / 2), 2);
      assertThat(ac[t]).isCloseTo(f / f0, org.assertj.core.data.Offset.offset(1e-12));
    }
    assertThat(ac[99]).isCloseTo(ac[98] * 0.001, org.assertj.core.data.Offset.offset(1e-15));
  }

  @Test
  void deterministicChunkMatchesNaiveLoop() {
    Map<String, Safetensors.Tensor> sd = RandomStateDict.of(CFG, 9);
    double[] ac = FastDdim.squaredCosCapV2(100);
    int horizon = 8;
    int batch = 2;
    Random r = new Random(4);
    float[] noise = FastUnet1dTest.gaussian(r, batch * horizon * 2);
    float[] cond = FastUnet1dTest.gaussian(r, batch * 6);
    int[] ts = FastDdim.leadingTimesteps(100, 4);

    float[] expected = noise.clone();
    NaiveUnet1d naive = new NaiveUnet1d(CFG, sd);
    for (int t : ts) {
      float[] eps = naive.forward(expected, new long[] {t, t}, cond, batch, horizon);
      int prev = t - 25;
      double a = ac[t];
      double aPrev = prev >= 0 ? ac[prev] : 1;
      for (int i = 0; i < expected.length; i++) {
        double x0 = Math.max(-1, Math.min(1, (expected[i] - Math.sqrt(1 - a) * eps[i]) / Math.sqrt(a)));
        expected[i] = (float) (Math.sqrt(aPrev) * x0 + Math.sqrt(1 - aPrev) * eps[i]);
      }
    }

    float[] x = noise.clone();
    try (FastUnet1d net = FastUnet1d.create(CFG, sd, horizon, batch, 2)) {
      new FastDdim(net, ac, true, 1.0).sample(x, cond, batch, ts, 0.0, null);
    }
    for (int i = 0; i < x.length; i++) {
      assertThat((double) x[i]).isCloseTo(expected[i], org.assertj.core.data.Offset.offset(1e-4));
    }
  }

  @Test
  void stochasticStepNeedsNoiseAndValidSteps() {
    Map<String, Safetensors.Tensor> sd = RandomStateDict.of(CFG, 9);
    try (FastUnet1d net = FastUnet1d.create(CFG, sd, 8, 1, 1)) {
      FastDdim ddim = new FastDdim(net, FastDdim.squaredCosCapV2(100), true, 1.0);
      float[] x = new float[16];
      float[] cond = new float[6];
      assertThatThrownBy(() -> ddim.sample(x, cond, 1, new int[] {50}, 0.5, null)).hasMessageContaining("noise");
      assertThatThrownBy(() -> ddim.sample(x, cond, 1, new int[] {100}, 0.0, null)).hasMessageContaining("timestep 100");
      assertThatThrownBy(() -> ddim.sample(x, cond, 1, new int[] {5}, 1.5, null)).hasMessageContaining("eta");
    }
  }
}
