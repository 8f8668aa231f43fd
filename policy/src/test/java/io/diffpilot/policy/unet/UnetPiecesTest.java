package io.diffpilot.policy.unet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.diffpilot.policy.engine.Engines;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The U-Net's pieces against their closed forms, and gradients through the whole network. */
class UnetPiecesTest {

  private static NDManager manager;

  @BeforeAll
  static void startEngine() {
    manager = NDManager.newBaseManager(Device.cpu(), Engines.pytorch().getEngineName());
  }

  @AfterAll
  static void closeManager() {
    manager.close();
  }

  @Test
  void stepEmbeddingIsSinThenCosOfGeometricFrequencies() {
    int dim = 16;
    try (NDManager m = manager.newSubManager()) {
      NDArray t = m.create(new long[] {0, 7, 99});
      float[] got = new SinusoidalStepEmbedding(dim).apply(t).toFloatArray();
      long[] ts = {0, 7, 99};
      for (int b = 0; b < ts.length; b++) {
        double[] expected = SinusoidalStepEmbedding.closedForm(ts[b], dim);
        for (int i = 0; i < dim; i++) {
          assertThat((double) got[b * dim + i]).as("t=%d i=%d", ts[b], i).isCloseTo(expected[i], within(2e-5));
        }
      }
      // first frequency is 1, last is 1/10000
      float[] f = SinusoidalStepEmbedding.frequencies(dim);
      assertThat(f[0]).isEqualTo(1f);
      assertThat((double) f[7]).isCloseTo(1e-4, within(1e-9));
    }
  }

  @Test
  void mishIsXTimesTanhOfSoftplus() {
    float[] xs = {-30f, -5f, -1f, -0.1f, 0f, 0.3f, 1f, 4f, 25f};
    try (NDManager m = manager.newSubManager()) {
      float[] got = Mish.apply(m.create(xs)).toFloatArray();
      for (int i = 0; i < xs.length; i++) {
        double x = xs[i];
        double softplus = Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
        double expected = x * Math.tanh(softplus);
        assertThat((double) got[i]).as("mish(%s)", x).isCloseTo(expected, within(1e-6 + 1e-6 * Math.abs(expected)));
      }
    }
  }

  @Test
  void groupNormNormalisesEachGroupOverChannelsAndTime() {
    int b = 2;
    int c = 6;
    int t = 5;
    int groups = 3;
    float[] x = new float[b * c * t];
    java.util.Random r = new java.util.Random(3);
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (r.nextGaussian() * (1 + i % 7) + i % 3);
    }
    float[] gamma = {1f, 2f, 0.5f, -1f, 3f, 0f};
    float[] beta = {0f, 1f, -1f, 0.5f, 0f, 2f};
    try (NDManager m = manager.newSubManager()) {
      GroupNorm1d norm = new GroupNorm1d(groups, c);
      norm.initialize(m, DataType.FLOAT32, new Shape(b, c, t));
      Map<String, Parameter> p = new java.util.LinkedHashMap<>();
      norm.collectParameters("", p);
      p.get("weight").getArray().set(gamma);
      p.get("bias").getArray().set(beta);
      float[] got = norm.apply(new ParameterStore(m, false), m.create(x, new Shape(b, c, t)), false).toFloatArray();
      int perGroup = c / groups;
      for (int bi = 0; bi < b; bi++) {
        for (int g = 0; g < groups; g++) {
          double sum = 0;
          double sq = 0;
          int n = perGroup * t;
          for (int ch = g * perGroup; ch < (g + 1) * perGroup; ch++) {
            for (int ti = 0; ti < t; ti++) {
              double v = x[(bi * c + ch) * t + ti];
              sum += v;
              sq += v * v;
            }
          }
          double mean = sum / n;
          double var = sq / n - mean * mean; // biased, as PyTorch
          for (int ch = g * perGroup; ch < (g + 1) * perGroup; ch++) {
            for (int ti = 0; ti < t; ti++) {
              int i = (bi * c + ch) * t + ti;
              double expected = (x[i] - mean) / Math.sqrt(var + GroupNorm1d.EPS) * gamma[ch] + beta[ch];
              assertThat((double) got[i]).as("b=%d ch=%d t=%d", bi, ch, ti).isCloseTo(expected, within(1e-4));
            }
          }
        }
      }
    }
  }

  @Test
  void upsampleEqualsTransposedConvolutionByDefinition() {
    int c = 3;
    int len = 4;
    try (NDManager m = manager.newSubManager()) {
      Upsample1d up = new Upsample1d(c);
      up.initialize(m, DataType.FLOAT32, new Shape(1, c, len));
      Map<String, Parameter> p = new java.util.LinkedHashMap<>();
      up.collectParameters("", p);
      float[] w = p.get("conv.weight").getArray().toFloatArray(); // [in, out, 4]
      float[] bias = p.get("conv.bias").getArray().toFloatArray();
      float[] x = new float[c * len];
      for (int i = 0; i < x.length; i++) {
        x[i] = (float) Math.sin(1.3 * i + 0.2);
      }
      ParameterStore ps = new ParameterStore(m, false);
      float[] got = up.apply(ps, m.create(x, new Shape(1, c, len)), false).toFloatArray();
      // y[o, s·2 − 1 + k] += x[i, s] · W[i, o, k]   (stride 2, padding 1, kernel 4)
      double[] expected = new double[c * 2 * len];
      for (int o = 0; o < c; o++) {
        for (int t = 0; t < 2 * len; t++) {
          expected[o * 2 * len + t] = bias[o];
        }
      }
      for (int i = 0; i < c; i++) {
        for (int s = 0; s < len; s++) {
          for (int o = 0; o < c; o++) {
            for (int k = 0; k < 4; k++) {
              int t = s * 2 - 1 + k;
              if (t >= 0 && t < 2 * len) {
                expected[o * 2 * len + t] += x[i * len + s] * w[(i * c + o) * 4 + k];
              }
            }
          }
        }
      }
      for (int i = 0; i < expected.length; i++) {
        assertThat((double) got[i]).as("index %d", i).isCloseTo(expected[i], within(1e-5));
      }
      // the training path (kernel rebuilt from the weight) gives the same numbers
      float[] trained = up.apply(ps, m.create(x, new Shape(1, c, len)), true).toFloatArray();
      assertThat(trained).containsExactly(got);
    }
  }

  @Test
  void gradientsReachEveryParameter() {
    UnetConfig config = new UnetConfig(2, 3, 8, List.of(8, 16), 3, 4, true);
    try (NDManager m = manager.newSubManager()) {
      ConditionalUnet1d net = new ConditionalUnet1d(config);
      net.initializeParameters(m);
      ParameterStore ps = new ParameterStore(m, false);
      try (GradientCollector gc = Engines.pytorch().newGradientCollector()) {
        NDList in = new NDList(m.randomNormal(new Shape(2, 8, 2)), m.create(new long[] {3, 50}), m.randomNormal(new Shape(2, 3)));
        NDArray out = net.forward(ps, in, true).singletonOrThrow();
        gc.backward(out.square().sum());
      }
      net.stateDictParameters().forEach((k, p) -> {
        NDArray grad = p.getArray().getGradient();
        assertThat(grad.abs().sum().getFloat()).as("gradient of %s", k).isGreaterThan(0f);
      });
    }
  }
}
