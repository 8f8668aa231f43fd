package io.diffpilot.tools.bench.policy;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import io.diffpilot.core.Sampling;
import io.diffpilot.policy.io.Safetensors;
import io.diffpilot.policy.model.DiffusionPolicy;
import io.diffpilot.policy.model.InferenceConfig;
import io.diffpilot.policy.model.ModelDirectory;
import io.diffpilot.policy.model.PolicyConfig;
import io.diffpilot.policy.model.PolicyLayout;
import io.diffpilot.policy.model.UnetNetwork;
import io.diffpilot.policy.normalize.LinearNormalizer;
import io.diffpilot.policy.schedule.ScheduleConfig;
import io.diffpilot.policy.unet.ConditionalUnet1d;
import io.diffpilot.policy.unet.UnetConfig;
import io.diffpilot.policy.unet.UnetEvaluator;
import io.diffpilot.policy.unet.UnetWeights;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/** {@link FastBench}'s rows for the {@code djl} backend (the reference network, op by op). */
final class DjlRows {

  private DjlRows() {}

  /** PyTorch-default random weights of the DJL network, as a state dict both backends load. */
  static Map<String, Safetensors.Tensor> randomWeights(UnetConfig cfg) {
    Engine.getInstance().setRandomSeed(1);
    try (NDManager m = NDManager.newBaseManager()) {
      ConditionalUnet1d net = new ConditionalUnet1d(cfg);
      net.initializeParameters(m);
      return UnetWeights.stateDict(net);
    }
  }

  /** libtorch's intra-op threads (DJL reads its property only at engine start). */
  static void setThreads(int threads) {
    Engine.getInstance();
    JniUtils.setNumThreads(threads);
  }

  private static PolicyConfig policyConfig(UnetConfig cfg, int horizon) {
    int obsSteps = 2;
    return new PolicyConfig(cfg, new PolicyLayout("obs", cfg.globalCondDim() / obsSteps, cfg.inputDim(), obsSteps,
        horizon, horizon / 2), ScheduleConfig.defaults(), InferenceConfig.defaults());
  }

  static List<FastBench.Row> rows(UnetConfig cfg, Map<String, Safetensors.Tensor> sd, int horizon, int batch,
      int threads, int[] stepCounts, int chunks) {
    List<FastBench.Row> rows = new ArrayList<>();
    PolicyConfig pc = policyConfig(cfg, horizon);
    ModelDirectory model = new ModelDirectory(pc, sd,
        LinearNormalizer.identity(pc.policy().obsDim(), cfg.inputDim()));
    SplittableRandom r = new SplittableRandom(3);
    try (NDManager m = NDManager.newBaseManager()) {
      ConditionalUnet1d net = new ConditionalUnet1d(cfg);
      UnetWeights.load(net, m, sd);
      UnetEvaluator eval = new UnetEvaluator(net, m);
      float[] x = gaussian(r, batch * horizon * cfg.inputDim());
      float[] cond = gaussian(r, batch * cfg.globalCondDim());
      long[] ts = new long[batch];
      Arrays.fill(ts, 50);
      for (int i = 0; i < 20; i++) {
        eval.forward(x, ts, cond, batch, horizon);
      }
      int forwards = batch == 1 ? 10 * chunks : 2 * chunks;
      double[] ms = new double[forwards];
      for (int i = 0; i < forwards; i++) {
        long s = System.nanoTime();
        eval.forward(x, ts, cond, batch, horizon);
        ms[i] = (System.nanoTime() - s) / 1e6;
      }
      rows.add(new FastBench.Row("djl", "forward", batch, threads, 0, ms));
    }
    try (DiffusionPolicy policy = DiffusionPolicy.create(model, UnetNetwork.FACTORY, Device.cpu())) {
      float[][][] histories = new float[batch][pc.policy().obsSteps()][pc.policy().obsDim()];
      for (float[][] h : histories) {
        for (float[] o : h) {
          System.arraycopy(gaussian(r, o.length), 0, o, 0, o.length);
        }
      }
      for (int steps : stepCounts) {
        double[] ms = new double[chunks];
        for (int i = -Math.max(2, chunks / 10); i < chunks; i++) {
          long s = System.nanoTime();
          policy.predictHorizons(histories, Sampling.ddim(steps, i));
          if (i >= 0) {
            ms[i] = (System.nanoTime() - s) / 1e6;
          }
        }
        rows.add(new FastBench.Row("djl", "chunk", batch, threads, steps, ms));
      }
    }
    return rows;
  }

  /** DJL DDIM-10 chunks at batch 1: resident memory and live NDArrays before and after. */
  static void soak(UnetConfig cfg, Map<String, Safetensors.Tensor> sd, int horizon, int chunks, java.io.PrintWriter out) {
    PolicyConfig pc = policyConfig(cfg, horizon);
    ModelDirectory model = new ModelDirectory(pc, sd, LinearNormalizer.identity(pc.policy().obsDim(), cfg.inputDim()));
    try (DiffusionPolicy policy = DiffusionPolicy.create(model, UnetNetwork.FACTORY, Device.cpu())) {
      float[][][] histories = new float[1][pc.policy().obsSteps()][pc.policy().obsDim()];
      for (int i = 0; i < 50; i++) {
        policy.predictHorizons(histories, Sampling.ddim(10, i));
      }
      long rssBefore = BenchMetrics.rssKb();
      int arraysBefore = policy.openArrays();
      long start = System.nanoTime();
      for (int i = 0; i < chunks; i++) {
        policy.predictHorizons(histories, Sampling.ddim(10, i));
      }
      out.printf(Locale.ROOT, "# djl soak: %d DDIM-10 chunks, batch 1, %.0f s: RSS %d → %d kB; open NDArrays %d → %d%n",
          chunks, (System.nanoTime() - start) / 1e9, rssBefore, BenchMetrics.rssKb(), arraysBefore, policy.openArrays());
    }
  }

  private static float[] gaussian(SplittableRandom r, int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) r.nextGaussian();
    }
    return v;
  }
}
