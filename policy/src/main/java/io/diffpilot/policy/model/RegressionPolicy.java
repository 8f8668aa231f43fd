package io.diffpilot.policy.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.diffpilot.core.ChunkPolicy;
import io.diffpilot.core.PolicyShape;
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
public final class RegressionPolicy implements ChunkPolicy {

  private final PolicyConfig config;
  private final PolicyShape shape;
  private final DenoisingNetwork network;
  private final LinearNormalizer normalizer;
  private final ChunkCodec codec;
  private final NDManager manager;
  private final ParameterStore store;

  private RegressionPolicy(PolicyConfig config, DenoisingNetwork network, LinearNormalizer normalizer, NDManager manager) {
    this.config = config;
    this.shape = config.policy().shape();
    this.network = network;
    this.normalizer = normalizer;
    this.codec = new ChunkCodec(config.policy(), normalizer);
    this.manager = manager;
    this.store = new ParameterStore(manager, false);
  }

  /** Builds the network with {@code factory} on {@code device} and loads the model's weights. */
  public static RegressionPolicy create(ModelDirectory model, NetworkFactory factory, Device device) {
    Objects.requireNonNull(model, "model");
    NDManager m = NDManager.newBaseManager(device);
    try {
      DenoisingNetwork net = factory.create(model.config());
      net.initialize(m);
      NetworkWeights.load(net, model.weights());
      return new RegressionPolicy(model.config(), net, model.normalizer(), m);
    } catch (RuntimeException e) {
      m.close();
      throw e;
    }
  }

  @Override
  public PolicyShape shape() {
    return shape;
  }

  /** [To][obsDim] → [Ta][A] from horizon index To − 1, as {@link DiffusionPolicy#predictChunk}. */
  @Override
  public synchronized float[][] predictChunk(float[][] history, Sampling sampling) {
    float[] cond = codec.condition(new float[][][] {history});
    int tp = config.policy().horizon();
    int a = actionDim();
    float[] flat;
    try (NDManager call = manager.newSubManager(); NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      NDArray x = call.zeros(new Shape(1, tp, a));
      NDArray t = call.create(new long[] {0});
      NDArray c = call.create(cond, new Shape(1, config.network().globalCondDim()));
      flat = network.forward(store, x, t, c, false).toFloatArray();
    }
    return codec.chunks(codec.horizons(flat, 1))[0];
  }

  @Override
  public void close() {
    manager.close();
  }
}
