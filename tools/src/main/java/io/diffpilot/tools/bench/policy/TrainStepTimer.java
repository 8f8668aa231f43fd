package io.diffpilot.tools.bench.policy;

import io.diffpilot.policy.fast.TrainFlops;
import io.diffpilot.policy.fast.TrainableUnet1d;
import io.diffpilot.policy.io.Safetensors;
import io.diffpilot.policy.unet.RandomStateDict;
import io.diffpilot.policy.unet.UnetConfig;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Times training steps (forward, backward, gradient sum; the optimizer is not included) of the
 * java backend on random weights and batches: the java rows of {@code bench train}.
 */
public final class TrainStepTimer {

  private TrainStepTimer() {}

  /** Milliseconds per step for {@code steps} steps after {@code warmup} untimed ones. */
  public static double[] time(UnetConfig config, int horizon, int batch, int threads, int warmup, int steps) {
    Map<String, Safetensors.Tensor> sd = RandomStateDict.of(config, 1);
    SplittableRandom r = new SplittableRandom(2);
    int n = batch * horizon * config.inputDim();
    float[] sample = gaussian(r, n);
    float[] target = gaussian(r, n);
    float[] cond = gaussian(r, batch * config.globalCondDim());
    long[] t = new long[batch];
    for (int i = 0; i < batch; i++) {
      t[i] = r.nextInt(100);
    }
    double[] ms = new double[steps];
    try (TrainableUnet1d net = TrainableUnet1d.create(config, sd, horizon, batch, threads)) {
      for (int i = 0; i < warmup + steps; i++) {
        long start = System.nanoTime();
        net.lossAndGradient(sample, t, cond, target, batch);
        if (i >= warmup) {
          ms[i - warmup] = (System.nanoTime() - start) / 1e6;
        }
      }
    }
    return ms;
  }

  /** The training kernels this JVM gets, e.g. "vector-256" (the Vector API's preferred species) or "scalar". */
  public static String kernelName() {
    return TrainFlops.kernelName();
  }

  /** Random weights with diffusion_policy's names and PyTorch-like scales. */
  public static Map<String, Safetensors.Tensor> randomStateDict(UnetConfig config, long seed) {
    return RandomStateDict.of(config, seed);
  }

  /** Multiply-adds ×2 of one training sample: forward plus the two backward products of every layer. */
  public static double flopsPerSample(UnetConfig config, int horizon) {
    return TrainFlops.flopsPerSample(config, RandomStateDict.of(config, 1), horizon);
  }

  private static float[] gaussian(SplittableRandom r, int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) (r.nextGaussian());
    }
    return v;
  }

  /** {@code TrainStepTimer [small|default] batch threads steps}: prints p50 and samples/s. */
  public static void main(String[] args) {
    String net = args.length > 0 ? args[0] : "small";
    int batch = args.length > 1 ? Integer.parseInt(args[1]) : 256;
    int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    int steps = args.length > 3 ? Integer.parseInt(args[3]) : 20;
    UnetConfig cfg = net.equals("default") ? UnetConfig.paperDefault(2, 40) : UnetConfig.small(2, 40);
    double[] ms = time(cfg, 16, batch, threads, 3, steps);
    double[] sorted = ms.clone();
    java.util.Arrays.sort(sorted);
    double p50 = sorted[sorted.length / 2];
    double flops = flopsPerSample(cfg, 16) * batch;
    System.out.printf(java.util.Locale.ROOT, "%s batch %d threads %d: p50 %.1f ms, %.0f samples/s, %.1f GFLOP/s%n",
        net, batch, threads, p50, batch * 1000 / p50, flops / p50 / 1e6);
  }
}
