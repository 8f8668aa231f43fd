package io.diffpilot.policy.fast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.diffpilot.policy.io.Safetensors;
import io.diffpilot.policy.unet.RandomStateDict;
import io.diffpilot.policy.unet.UnetConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FastUnet1dTest {

  private static final UnetConfig TINY_SCALE = new UnetConfig(3, 6, 16, List.of(16, 32, 48), 5, 8, true);
  private static final UnetConfig TINY_BIAS = new UnetConfig(2, 4, 8, List.of(8, 24), 3, 4, false);

  @Test
  void vectorKernelMatchesNaiveReferenceWithFilmScale() {
    assertMatchesNaive(TINY_SCALE, 8, 3, 1, Gemm.best());
  }

  @Test
  void vectorKernelMatchesNaiveReferenceBiasOnlyTwoThreads() {
    assertMatchesNaive(TINY_BIAS, 4, 5, 2, Gemm.best());
  }

  @Test
  void scalarKernelMatchesNaiveReference() {
    assertMatchesNaive(TINY_SCALE, 8, 2, 2, new ScalarGemm(8));
  }

  @Test
  void smallNetAtBatchOneMatchesNaiveReference() {
    assertMatchesNaive(UnetConfig.small(2, 20), 16, 1, 2, Gemm.best());
  }

  @Test
  void smallerBatchThanMaxUsesOnlyItsRows() {
    try (FastUnet1d net = randomNet(TINY_SCALE, 3, 8, 4)) {
      RandomInputs in = RandomInputs.of(TINY_SCALE, 8, 4, 1);
      long[] steps = {3, 50, 99, 0};
      float[] full = new float[4 * 8 * 3];
      net.forward(in.sample(), steps, in.cond(), 4, full);
      float[] one = new float[8 * 3];
      net.forward(in.sample(), steps, in.cond(), 1, one);
      for (int i = 0; i < one.length; i++) {
        assertThat(one[i]).isEqualTo(full[i]);
      }
    }
  }

  @Test
  void repeatedForwardIsDeterministic() {
    try (FastUnet1d net = randomNet(TINY_BIAS, 4, 4, 2)) {
      RandomInputs in = RandomInputs.of(TINY_BIAS, 4, 2, 2);
      float[] first = new float[in.sample().length];
      float[] again = new float[in.sample().length];
      net.forward(in.sample(), new long[] {7, 8}, in.cond(), 2, first);
      for (int i = 0; i < 50; i++) {
        net.forward(in.sample(), new long[] {7, 8}, in.cond(), 2, again);
      }
      assertThat(again).containsExactly(first);
    }
  }

  @Test
  void missingOrMisshapenWeightIsNamed() {
    Map<String, Safetensors.Tensor> sd = new HashMap<>(RandomStateDict.of(TINY_BIAS, 5));
    sd.remove("mid_modules.1.cond_encoder.1.weight");
    assertThatThrownBy(() -> FastUnet1d.create(TINY_BIAS, sd, 4, 1, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("mid_modules.1.cond_encoder.1.weight");

    Map<String, Safetensors.Tensor> wrong = new HashMap<>(RandomStateDict.of(TINY_BIAS, 5));
    wrong.put("final_conv.1.bias", Safetensors.Tensor.ofFloats(new float[3], 3));
    assertThatThrownBy(() -> FastUnet1d.create(TINY_BIAS, wrong, 4, 1, 1))
        .hasMessageContaining("final_conv.1.bias").hasMessageContaining("[3]");
  }

  @Test
  void unknownTensorIsRejected() {
    Map<String, Safetensors.Tensor> sd = new HashMap<>(RandomStateDict.of(TINY_BIAS, 6));
    sd.put("local_cond_encoder.0.blocks.0.block.0.weight", Safetensors.Tensor.ofFloats(new float[1], 1));
    assertThatThrownBy(() -> FastUnet1d.create(TINY_BIAS, sd, 4, 1, 1))
        .hasMessageContaining("local_cond_encoder");
  }

  @Test
  void nonFiniteWeightIsRejected() {
    Map<String, Safetensors.Tensor> sd = new HashMap<>(RandomStateDict.of(TINY_BIAS, 7));
    float[] bias = sd.get("final_conv.1.bias").toFloatArray();
    bias[1] = Float.NaN;
    sd.put("final_conv.1.bias", Safetensors.Tensor.ofFloats(bias, bias.length));
    assertThatThrownBy(() -> FastUnet1d.create(TINY_BIAS, sd, 4, 1, 1)).hasMessageContaining("non-finite");
  }

  @Test
  void badShapesAreRejected() {
    Map<String, Safetensors.Tensor> sd = RandomStateDict.of(TINY_BIAS, 8);
    assertThatThrownBy(() -> FastUnet1d.create(TINY_BIAS, sd, 3, 1, 1)).hasMessageContaining("horizon");
    try (FastUnet1d net = FastUnet1d.create(TINY_BIAS, sd, 4, 2, 1)) {
      assertThatThrownBy(() -> net.forward(new float[8], new long[] {1}, new float[4], 3, new float[8]))
          .hasMessageContaining("batch 3");
      assertThatThrownBy(() -> net.forward(new float[7], new long[] {1}, new float[4], 1, new float[8]))
          .hasMessageContaining("sample");
      assertThatThrownBy(() -> net.forward(new float[8], new long[] {1}, new float[3], 1, new float[8]))
          .hasMessageContaining("globalCond");
    }
  }

  static void assertMatchesNaive(UnetConfig cfg, int horizon, int batch, int threads, Gemm gemm) {
    Map<String, Safetensors.Tensor> sd = RandomStateDict.of(cfg, 42);
    RandomInputs in = RandomInputs.of(cfg, horizon, batch, 7);
    float[] expected = new NaiveUnet1d(cfg, sd).forward(in.sample(), in.steps(), in.cond(), batch, horizon);
    float[] actual = new float[expected.length];
    try (FastUnet1d net = new FastUnet1d(cfg, sd, horizon, batch, threads, gemm)) {
      net.forward(in.sample(), in.steps(), in.cond(), batch, actual);
    }
    double maxAbs = 0;
    for (int i = 0; i < expected.length; i++) {
      maxAbs = Math.max(maxAbs, Math.abs(expected[i] - actual[i]));
    }
    assertThat(maxAbs).as("max abs error vs naive reference").isLessThan(1e-4);
  }

  /** A network with the random weights of {@code seed}, on two threads with the best kernel. */
  private static FastUnet1d randomNet(UnetConfig cfg, long seed, int horizon, int maxBatch) {
    return new FastUnet1d(cfg, RandomStateDict.of(cfg, seed), horizon, maxBatch, 2, Gemm.best());
  }

  static float[] gaussian(Random r, int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) r.nextGaussian();
    }
    return v;
  }
}
