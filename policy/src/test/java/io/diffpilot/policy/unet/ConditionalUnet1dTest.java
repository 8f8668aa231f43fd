package io.diffpilot.policy.unet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.diffpilot.policy.engine.Engines;
import io.diffpilot.policy.io.Safetensors.Tensor;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConditionalUnet1dTest {

  private static NDManager manager;

  @BeforeAll
  static void startEngine() {
    manager = NDManager.newBaseManager(Device.cpu(), Engines.pytorch().getEngineName());
  }

  @AfterAll
  static void closeManager() {
    manager.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"film_scale", "bias_only"})
  void reproducesPyTorchReferenceOutputs(String name) throws IOException {
    UnetFixtures f = UnetFixtures.load(name);
    UnetConfig config = UnetWeights.inferConfig(f.stateDict(), f.nGroups());
    assertThat(config).isEqualTo(f.expectedConfig());
    try (NDManager m = manager.newSubManager()) {
      ConditionalUnet1d net = new ConditionalUnet1d(config);
      UnetWeights.load(net, m, f.stateDict());
      float[] out = new UnetEvaluator(net, m).forward(f.io().get("sample").toFloatArray(),
          f.io().get("timestep").toLongArray(), f.io().get("global_cond").toFloatArray(), f.batch(), f.horizon());
      float[] expected = f.io().get("output").toFloatArray();
      double err = UnetFixtures.maxAbsDiff(out, expected);
      System.out.printf("%s: max abs error %.3g over %d outputs%n", name, err, out.length);
      assertThat(err).isLessThanOrEqualTo(1e-4);
    }
  }

  @Test
  void outputShapesMatchTheForwardPass() {
    UnetConfig config = new UnetConfig(3, 5, 16, List.of(8, 16, 24), 3, 4, true);
    try (NDManager m = manager.newSubManager()) {
      ConditionalUnet1d net = new ConditionalUnet1d(config);
      net.initializeParameters(m);
      Shape[] in = net.exampleInputShapes(2, 12);
      NDList inputs = new NDList(m.randomNormal(in[0]), m.arange(2L).toType(ai.djl.ndarray.types.DataType.INT64, false),
          m.randomNormal(in[2]));
      NDArray out = net.forward(new ParameterStore(m, false), inputs, false).singletonOrThrow();
      assertThat(out.getShape()).isEqualTo(new Shape(2, 12, 3));
      assertThat(net.getOutputShapes(in)).containsExactly(new Shape(2, 12, 3));
    }
  }

  @Test
  void stateDictHasTheReferenceKeysAndShapes() throws IOException {
    UnetFixtures f = UnetFixtures.load("film_scale");
    ConditionalUnet1d net = new ConditionalUnet1d(f.expectedConfig());
    Map<String, ai.djl.nn.Parameter> params = net.stateDictParameters();
    assertThat(params.keySet()).containsExactlyInAnyOrderElementsOf(f.stateDict().keySet());
    assertThat(params).containsKeys("down_modules.0.0.blocks.0.block.0.weight", "mid_modules.1.cond_encoder.1.weight",
        "diffusion_step_encoder.1.bias", "final_conv.1.weight", "up_modules.0.2.conv.weight", "down_modules.0.0.residual_conv.weight");
    params.forEach((k, p) -> assertThat(p.getShape().getShape()).as(k).isEqualTo(f.stateDict().get(k).shape()));
  }

  @Test
  void saveLoadRoundTripIsExact() throws IOException {
    UnetFixtures f = UnetFixtures.load("bias_only");
    try (NDManager m = manager.newSubManager()) {
      ConditionalUnet1d a = new ConditionalUnet1d(f.expectedConfig());
      a.initializeParameters(m);
      Map<String, Tensor> saved = UnetWeights.stateDict(a);
      java.nio.file.Path file = java.nio.file.Files.createTempFile("unet", ".safetensors");
      try {
        io.diffpilot.policy.io.Safetensors.write(file, saved, Map.of());
        ConditionalUnet1d b = new ConditionalUnet1d(f.expectedConfig());
        UnetWeights.load(b, m, io.diffpilot.policy.io.Safetensors.read(file));
        Map<String, Tensor> again = UnetWeights.stateDict(b);
        assertThat(again.keySet()).containsExactlyElementsOf(saved.keySet());
        saved.forEach((k, t) -> assertThat(again.get(k).toFloatArray()).as(k).containsExactly(t.toFloatArray()));
        UnetEvaluator ea = new UnetEvaluator(a, m);
        UnetEvaluator eb = new UnetEvaluator(b, m);
        float[] x = f.io().get("sample").toFloatArray();
        long[] t = f.io().get("timestep").toLongArray();
        float[] g = f.io().get("global_cond").toFloatArray();
        assertThat(eb.forward(x, t, g, f.batch(), f.horizon())).containsExactly(ea.forward(x, t, g, f.batch(), f.horizon()));
      } finally {
        java.nio.file.Files.deleteIfExists(file);
      }
    }
  }

  @Test
  void loadingRejectsMissingExtraAndMisshapenTensors() throws IOException {
    UnetFixtures f = UnetFixtures.load("bias_only");
    ConditionalUnet1d net = new ConditionalUnet1d(f.expectedConfig());
    var missing = new java.util.LinkedHashMap<>(f.stateDict());
    missing.remove("mid_modules.1.cond_encoder.1.bias");
    assertThatThrownBy(() -> UnetWeights.checkMatches(net, missing))
        .hasMessageContaining("missing keys [mid_modules.1.cond_encoder.1.bias]");
    var extra = new java.util.LinkedHashMap<>(f.stateDict());
    extra.put("local_cond_encoder.0.weight", Tensor.ofFloats(new float[1], 1));
    assertThatThrownBy(() -> UnetWeights.checkMatches(net, extra)).hasMessageContaining("unexpected keys [local_cond_encoder.0.weight]");
    assertThatThrownBy(() -> UnetWeights.inferConfig(extra, 4)).hasMessageContaining("local_cond_encoder");
    var misshapen = new java.util.LinkedHashMap<>(f.stateDict());
    misshapen.put("final_conv.1.bias", Tensor.ofFloats(new float[4], 4));
    assertThatThrownBy(() -> UnetWeights.checkMatches(net, misshapen))
        .hasMessageContaining("'final_conv.1.bias' has shape [4], the network expects [3]");
  }

  @Test
  void timestepMayBeFloatOrOneValueForTheWholeBatch() throws IOException {
    UnetFixtures f = UnetFixtures.load("bias_only");
    try (NDManager m = manager.newSubManager()) {
      ConditionalUnet1d net = new ConditionalUnet1d(f.expectedConfig());
      UnetWeights.load(net, m, f.stateDict());
      ParameterStore ps = new ParameterStore(m, false);
      NDArray x = m.create(f.io().get("sample").toFloatArray(), new Shape(2, 8, 3));
      NDArray g = m.create(f.io().get("global_cond").toFloatArray(), new Shape(2, 7));
      float[] byLong = net.forward(ps, new NDList(x, m.create(new long[] {17, 17}), g), false).singletonOrThrow().toFloatArray();
      float[] byFloat = net.forward(ps, new NDList(x, m.create(new float[] {17f, 17f}), g), false).singletonOrThrow().toFloatArray();
      float[] single = net.forward(ps, new NDList(x, m.create(new long[] {17}), g), false).singletonOrThrow().toFloatArray();
      assertThat(byFloat).containsExactly(byLong);
      assertThat(single).containsExactly(byLong);
    }
  }

  @Test
  void rejectsInputsOfTheWrongShape() {
    UnetConfig config = new UnetConfig(2, 4, 8, List.of(8, 16), 3, 4, false);
    try (NDManager m = manager.newSubManager()) {
      ConditionalUnet1d net = new ConditionalUnet1d(config);
      net.initializeParameters(m);
      UnetEvaluator e = new UnetEvaluator(net, m);
      assertThatThrownBy(() -> e.forward(new float[2 * 7 * 2], new long[2], new float[8], 2, 7))
          .hasMessageContaining("must be a positive multiple of 2");
      ParameterStore ps = new ParameterStore(m, false);
      assertThatThrownBy(() -> net.forward(ps, new NDList(m.zeros(new Shape(1, 8, 3)), m.zeros(new Shape(1))), false))
          .hasMessageContaining("sample must be [B, T, 2]");
      assertThatThrownBy(() -> net.forward(ps, new NDList(m.zeros(new Shape(1, 8, 2)), m.zeros(new Shape(1)), m.zeros(new Shape(1, 3))), false))
          .hasMessageContaining("globalCond must be [1, 4]");
    }
  }
}
