package io.diffpilot.tools.bench.policy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.diffpilot.policy.fast.TrainableUnet1d;
import io.diffpilot.policy.train.AdamW;
import io.diffpilot.policy.train.FlatAdamW;
import io.diffpilot.policy.unet.ConditionalUnet1d;
import io.diffpilot.policy.unet.UnetConfig;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One training step (forward, MSE, backward, AdamW update) of each backend on random weights and
 * data, for {@code bench train}: what the trainers do per step, less batch drawing and the EMA.
 */
public final class TrainStepBench {

  private TrainStepBench() {}

  /** The java backend: {@link TrainableUnet1d} and the flat AdamW, {@code threads} threads splitting the batch. */
  public static LatencySample java(UnetConfig config, int horizon, int batch, int threads, int warmup, int iterations,
      double budgetSeconds) {
    Data d = new Data(config, horizon, batch);
    try (TrainableUnet1d net = TrainableUnet1d.create(config, TrainStepTimer.randomStateDict(config, 1), horizon, batch,
        threads)) {
      FlatAdamW adam = new FlatAdamW(net.parameters().length, 0.95, 0.999, 1e-6);
      return LatencySample.measure(() -> {
        net.lossAndGradient(d.sample, d.timesteps, d.cond, d.target, batch);
        adam.step(net.parameters(), net.gradient(), 1e-4);
      }, warmup, iterations, budgetSeconds);
    }
  }

  /** The djl backend: DJL's ConditionalUnet1d with autograd and {@link AdamW}, as {@link io.diffpilot.policy.train.PolicyTrainer} steps. */
  public static LatencySample djl(UnetConfig config, int horizon, int batch, int warmup, int iterations,
      double budgetSeconds) {
    Data d = new Data(config, horizon, batch);
    try (NDManager manager = NDManager.newBaseManager()) {
      Engine.getInstance().setRandomSeed(1);
      ConditionalUnet1d net = new ConditionalUnet1d(config);
      net.initializeParameters(manager);
      Map<String, Parameter> params = net.stateDictParameters();
      params.values().forEach(p -> p.getArray().setRequiresGradient(true));
      AdamW adam = new AdamW(params, manager, 0.95, 0.999, 1e-6);
      ParameterStore store = new ParameterStore(manager, false);
      Shape shape = new Shape(batch, horizon, config.inputDim());
      return LatencySample.measure(() -> {
        try (NDScope scope = new NDScope()) {
          scope.suppressNotUsedWarning();
          NDArray x = manager.create(d.sample, shape);
          NDArray t = manager.create(d.timesteps);
          NDArray c = manager.create(d.cond, new Shape(batch, config.globalCondDim()));
          NDArray y = manager.create(d.target, shape);
          try (GradientCollector gc = manager.getEngine().newGradientCollector()) {
            NDArray pred = net.forward(store, new NDList(x, t, c), true).singletonOrThrow();
            gc.backward(pred.sub(y).square().mean());
          }
        }
        adam.step(1e-4);
      }, warmup, iterations, budgetSeconds);
    }
  }

  private static final class Data {
    final float[] sample;
    final float[] target;
    final float[] cond;
    final long[] timesteps;

    Data(UnetConfig config, int horizon, int batch) {
      SplittableRandom r = new SplittableRandom(2);
      sample = gaussian(r, batch * horizon * config.inputDim());
      target = gaussian(r, sample.length);
      cond = gaussian(r, batch * config.globalCondDim());
      timesteps = new long[batch];
      for (int i = 0; i < batch; i++) {
        timesteps[i] = r.nextInt(100);
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
}
