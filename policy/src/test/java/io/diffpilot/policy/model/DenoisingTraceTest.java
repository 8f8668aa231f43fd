package io.diffpilot.policy.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.engine.Engine;
import io.diffpilot.core.Sampling;
import io.diffpilot.policy.normalize.LinearNormalizer;
import io.diffpilot.policy.normalize.MinMaxRange;
import io.diffpilot.policy.sampling.GaussianNoise;
import io.diffpilot.policy.unet.UnetConfig;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DenoisingTraceTest {

  private static final PolicyConfig CONFIG = new PolicyConfig(
      new UnetConfig(2, 6, 16, List.of(8, 16), 3, 4, true), new PolicyLayout("state", 3, 2, 2, 8, 4), null, null);
  private static final MinMaxRange ACTIONS = new MinMaxRange(new float[] {100f, -5f}, new float[] {200f, 5f});
  private DiffusionPolicy policy;

  @BeforeEach
  void create() {
    Engine.getInstance().setRandomSeed(7);
    DenoisingNetwork net = new MlpDenoisingNetwork(8, 2, 6, 32);
    java.util.Map<String, io.diffpilot.policy.io.Safetensors.Tensor> weights;
    try (var m = ai.djl.ndarray.NDManager.newBaseManager()) {
      net.initialize(m);
      weights = NetworkWeights.stateDict(net);
    }
    LinearNormalizer n = new LinearNormalizer(MinMaxRange.identity(3), ACTIONS);
    policy = DiffusionPolicy.create(new ModelDirectory(CONFIG, weights, n), MlpDenoisingNetwork.factory(32), Device.cpu());
  }

  @AfterEach
  void close() {
    policy.close();
  }

  private static final float[][] HISTORY = {{0.3f, 0.1f, -0.2f}, {0.4f, 0.2f, -0.1f}};

  @Test
  void traceEndsInTheChunkTheSamplerReturnsForTheSameSeed() {
    DenoisingTrace trace = policy.denoisingTrace(HISTORY, 5, 11);
    float[][] horizon = policy.predictHorizons(new float[][][] {HISTORY}, Sampling.ddim(5, 11))[0];
    assertThat(trace.steps()).isEqualTo(5);
    assertThat(trace.timesteps()).containsExactly(80, 60, 40, 20, 0);
    assertThat(trace.samples()).hasNumberOfRows(6);
    assertThat(trace.predictedX0()).hasNumberOfRows(5);
    for (int t = 0; t < horizon.length; t++) {
      for (int j = 0; j < 2; j++) {
        assertThat(trace.result()[t][j]).isCloseTo(horizon[t][j], within(1e-4f));
      }
    }
    assertThat(trace.chunkStart()).isEqualTo(1);
    assertThat(trace.actionSteps()).isEqualTo(4);
  }

  @Test
  void firstSampleIsTheSeedsGaussianNoiseInActionUnits() {
    DenoisingTrace trace = policy.denoisingTrace(HISTORY, 3, 42);
    float[] noise = GaussianNoise.seeded(42, 1).nextFloats(new ai.djl.ndarray.types.Shape(1, 8, 2));
    ACTIONS.unnormalizeInPlace(noise);
    for (int t = 0; t < 8; t++) {
      assertThat(trace.samples()[0][t][0]).isCloseTo(noise[t * 2], within(1e-3f));
      assertThat(trace.samples()[0][t][1]).isCloseTo(noise[t * 2 + 1], within(1e-5f));
    }
  }

  @Test
  void lastStepsEstimateIsTheResultWithoutNoise() {
    // η = 0 and ᾱ_prev = 1 at the last step: x₀ is exactly that step's (clipped) estimate.
    DenoisingTrace trace = policy.denoisingTrace(HISTORY, 4, 3);
    float[][] last = trace.predictedX0()[3];
    for (int t = 0; t < 8; t++) {
      assertThat(trace.result()[t][0]).isCloseTo(last[t][0], within(1e-3f));
    }
  }

  @Test
  void badHistoryIsRejectedWithTheReason() {
    assertThatThrownBy(() -> policy.denoisingTrace(new float[][] {{1f, 2f, 3f}}, 4, 3))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("obsSteps");
    assertThatThrownBy(() -> policy.denoisingTrace(HISTORY, 0, 3))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("steps");
  }
}
