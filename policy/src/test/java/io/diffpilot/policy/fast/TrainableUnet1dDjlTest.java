package io.diffpilot.policy.fast;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.diffpilot.policy.engine.ChildJvm;
import io.diffpilot.policy.io.Safetensors;
import io.diffpilot.policy.unet.ConditionalUnet1d;
import io.diffpilot.policy.unet.RandomStateDict;
import io.diffpilot.policy.unet.UnetConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Java backward pass against DJL's autograd: the loss and the gradient of every parameter of
 * ConditionalUnet1D, for random weights and batches, small and default widths, with and without
 * FiLM scale, on the vector and the scalar kernels and 1 or 2 threads.
 */
class TrainableUnet1dDjlTest {

  @ParameterizedTest(name = "{0}, T={1}, batch {2}, {3} thread(s), {4}")
  @CsvSource({
      "tiny-film-scale, 8, 3, 1, vector",
      "tiny-bias-only, 8, 3, 2, vector",
      "tiny-film-scale, 8, 3, 2, scalar",
      "small, 16, 4, 2, vector",
      "small-bias-only, 16, 3, 1, vector"})
  void everyParameterGradientMatchesDjlAutograd(String net, int horizon, int batch, int threads, String kernels) {
    check(net, horizon, batch, threads, kernels);
  }

  /**
   * The default net (256/512/1024, ~65 M parameters) needs a few GiB of heap for the reference,
   * the java model and their gradients: it runs in a child JVM, at a short horizon and batch.
   */
  @Test
  void defaultNetGradientsMatchDjlAutograd() throws Exception {
    ChildJvm.Result r = ChildJvm.run(DefaultNetGradientProbe.class,
        List.of("-Xmx6g", "--add-modules", "jdk.incubator.vector", "-Dai.djl.offline=true",
            "-Dai.djl.pytorch.num_interop_threads=1"),
        Map.of("OPT_OUT_TRACKING", "true"), 900);
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.output()).contains("default net gradients match");
  }

  static void check(String net, int horizon, int batch, int threads, String kernels) {
    UnetConfig cfg = switch (net) {
      case "tiny-film-scale" -> new UnetConfig(3, 12, 32, List.of(32, 64, 96), 3, 4, true);
      case "tiny-bias-only" -> new UnetConfig(3, 12, 32, List.of(32, 64, 96), 3, 4, false);
      case "small" -> UnetConfig.small(2, 40);
      case "small-bias-only" -> new UnetConfig(2, 40, 256, List.of(64, 128, 256), 5, 8, false);
      case "default" -> UnetConfig.paperDefault(2, 40);
      default -> throw new IllegalArgumentException(net);
    };
    Map<String, Safetensors.Tensor> sd = RandomStateDict.of(cfg, 17);
    Random r = new Random(23);
    float[] sample = FastUnet1dTest.gaussian(r, batch * horizon * cfg.inputDim());
    float[] target = FastUnet1dTest.gaussian(r, batch * horizon * cfg.inputDim());
    float[] cond = FastUnet1dTest.gaussian(r, batch * cfg.globalCondDim());
    long[] steps = new long[batch];
    for (int b = 0; b < batch; b++) {
      steps[b] = r.nextInt(100);
    }
    Map<String, float[]> expected = new LinkedHashMap<>();
    double expectedLoss = djlGradients(cfg, sd, sample, steps, cond, target, batch, horizon, expected);

    TrainKernels k = kernels.equals("scalar") ? new ScalarTrainKernels() : TrainKernels.best();
    try (TrainableUnet1d java = new TrainableUnet1d(cfg, sd, horizon, batch, threads, k)) {
      double loss = java.lossAndGradient(sample, steps, cond, target, batch);
      assertThat(loss).as("loss").isCloseTo(expectedLoss, org.assertj.core.data.Offset.offset(1e-5 * expectedLoss));
      GradientCheck.assertMatches(expected, java.layout(), java.gradient(), "DJL");
    }
  }

  /** DJL's loss and the gradient of each parameter under its state dict name. */
  static double djlGradients(UnetConfig cfg, Map<String, Safetensors.Tensor> sd, float[] sample, long[] steps,
      float[] cond, float[] target, int batch, int horizon, Map<String, float[]> out) {
    Engine.getInstance().setRandomSeed(3);
    try (NDManager manager = NDManager.newBaseManager()) {
      ConditionalUnet1d djl = new ConditionalUnet1d(cfg);
      djl.initializeParameters(manager);
      Map<String, Parameter> params = djl.stateDictParameters();
      for (Map.Entry<String, Parameter> e : params.entrySet()) {
        NDArray a = e.getValue().getArray();
        a.set(sd.get(e.getKey()).toFloatArray());
        a.setRequiresGradient(true);
      }
      NDArray x = manager.create(sample, new Shape(batch, horizon, cfg.inputDim()));
      NDArray t = manager.create(steps);
      NDArray c = manager.create(cond, new Shape(batch, cfg.globalCondDim()));
      NDArray y = manager.create(target, new Shape(batch, horizon, cfg.inputDim()));
      double loss;
      try (GradientCollector gc = manager.getEngine().newGradientCollector()) {
        NDArray pred = djl.forward(new ParameterStore(manager, false), new NDList(x, t, c), true).singletonOrThrow();
        NDArray l = pred.sub(y).square().mean();
        gc.backward(l);
        loss = l.getFloat();
      }
      for (Map.Entry<String, Parameter> e : params.entrySet()) {
        out.put(e.getKey(), e.getValue().getArray().getGradient().toType(DataType.FLOAT32, false).toFloatArray());
      }
      return loss;
    }
  }
}
