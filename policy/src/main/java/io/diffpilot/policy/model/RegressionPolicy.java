package io.diffpilot.policy.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import io.diffpilot.core.Sampling;
import io.diffpilot.policy.normalize.LinearNormalizer;
import java.util.Objects;

/**
 * The regression contrast to {@link DiffusionPolicy}: the same U-Net, trained with
 * {@code Objective.REGRESSION}, evaluated once on a zero sample [1, Tp, A] at timestep 0 with
 * the normalised observation history as global condition; its output is the normalised action
 * trajectory [Tp, A]. Deterministic: {@link Sampling} (sampler, steps, seed) is ignored.
 *
 * <p>A model directory written by a regression run looks like any other; loading it with
 * {@link DiffusionPolicy} would run a sampler over a network that never learned to denoise.
 */
public final class RegressionPolicy extends TrajectoryPolicy {

  private final DeviceNetwork network;

  private RegressionPolicy(PolicyConfig config, DeviceNetwork network, LinearNormalizer normalizer) {
    super(config, normalizer);
    this.network = network;
  }

  /** Builds the network with {@code factory} on {@code device} and loads the model's weights. */
  public static RegressionPolicy create(ModelDirectory model, NetworkFactory factory, Device device) {
    Objects.requireNonNull(model, "model");
    return new RegressionPolicy(model.config(), DeviceNetwork.load(model, factory, device), model.normalizer());
  }

  /**
   * One forward pass per history, each as {@link DiffusionPolicy#predictChunk} would place it;
   * {@code sampling} is ignored.
   */
  @Override
  public synchronized float[][][] predictHorizons(float[][][] histories, Sampling sampling) {
    float[][][] horizons = new float[Objects.requireNonNull(histories, "histories").length][][];
    for (int b = 0; b < histories.length; b++) {
      horizons[b] = predictHorizon(histories[b]);
    }
    return horizons;
  }

  /** [To][obsDim] → the trajectory [Tp][A] in action units. */
  private float[][] predictHorizon(float[][] history) {
    float[] cond = codec.condition(new float[][][] {history});
    int tp = config.policy().horizon();
    int a = actionDim();
    float[] flat;
    try (NDManager call = network.newCallManager(); NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      NDArray x = call.zeros(new Shape(1, tp, a));
      NDArray t = call.create(new long[] {0});
      NDArray c = call.create(cond, new Shape(1, config.network().globalCondDim()));
      flat = network.forward(x, t, c).toFloatArray();
    }
    return codec.horizons(flat, 1)[0];
  }

  @Override
  public void close() {
    network.close();
  }
}
