package io.diffpilot.policy.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import io.diffpilot.core.Sampling;
import io.diffpilot.policy.normalize.LinearNormalizer;
import io.diffpilot.policy.sampling.DdimSampler;
import io.diffpilot.policy.sampling.Denoiser;
import io.diffpilot.policy.sampling.GaussianNoise;
import io.diffpilot.policy.sampling.Sampler;
import io.diffpilot.policy.engine.Engines;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * diffusion_policy's low-dimensional diffusion policy behind {@link io.diffpilot.core.ChunkPolicy}:
 * the last To observations, normalised and flattened, condition a denoising network (FiLM global
 * condition) that turns Gaussian noise [B, Tp, A] into a normalised action trajectory (the chunk
 * timeline is in {@link TrajectoryPolicy#predictChunks}).
 *
 * <p>Each call runs in its own NDManager sub-manager and NDScope; the result is copied to
 * {@code float[]} before they close, so no native memory outlives a call. Calls are serialised.
 */
public final class DiffusionPolicy extends DenoisingPolicy {

  private final DeviceNetwork network;

  private DiffusionPolicy(PolicyConfig config, DeviceNetwork network, LinearNormalizer normalizer) {
    super(config, normalizer);
    this.network = Objects.requireNonNull(network, "network");
  }

  /**
   * Loads a model directory with diffusion_policy's U-Net on the device its config names
   * ({@code inference.device}: cpu, gpu or auto).
   */
  public static DiffusionPolicy load(Path dir) throws IOException {
    ModelDirectory model = ModelDirectory.load(dir);
    return create(model, UnetNetwork.FACTORY, Engines.device(model.config().inference().device()));
  }

  /** A policy from a model directory: builds the network with {@code factory} on {@code device} and loads the weights. */
  public static DiffusionPolicy create(ModelDirectory model, NetworkFactory factory, Device device) {
    return new DiffusionPolicy(model.config(), DeviceNetwork.load(model, factory, device), model.normalizer());
  }

  @Override
  protected float[] sampleNormalized(float[] cond, int batch, Sampling sampling) {
    int tp = config.policy().horizon();
    int a = actionDim();
    try (NDManager call = network.newCallManager(); NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      NDArray condArray = call.create(cond, new Shape(batch, config.network().globalCondDim()));
      Sampler sampler = Sampler.of(sampling.sampler(), schedule, config.inference().eta(), config.inference().timestepSpacing());
      NDArray x0 = sampler.sample(denoiser(call, batch), condArray, new Shape(batch, tp, a), sampling.steps(),
          GaussianNoise.seeded(sampling.seed(), batch), call);
      return x0.toFloatArray();
    }
  }

  /**
   * One DDIM run with every intermediate kept, for figures: the same chunk {@link #predictHorizons}
   * returns for {@code Sampling.ddim(steps, seed)}, with the model's η and timestep spacing.
   *
   * @param history [To][obsDim], oldest first
   * @param steps DDIM steps K
   * @param seed noise seed
   */
  public synchronized DenoisingTrace denoisingTrace(float[][] history, int steps, long seed) {
    float[] cond = codec.condition(new float[][][] {history});
    int tp = config.policy().horizon();
    int a = actionDim();
    DdimSampler sampler = new DdimSampler(schedule, config.inference().eta(), config.inference().timestepSpacing());
    int[] timesteps = DdimSampler.timesteps(schedule.trainTimesteps(), steps, config.inference().timestepSpacing());
    float[][][] samples = new float[steps + 1][][];
    float[][][] predicted = new float[steps][][];
    try (NDManager call = network.newCallManager(); NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      NDArray condArray = call.create(cond, new Shape(1, config.network().globalCondDim()));
      GaussianNoise noise = GaussianNoise.seeded(seed, 1);
      // The sampler's first draw is x_T: replay it from an identical generator.
      samples[0] = toActions(GaussianNoise.seeded(seed, 1).nextFloats(new Shape(1, tp, a)), tp, a);
      sampler.sample(denoiser(call, 1), condArray, new Shape(1, tp, a), steps, noise, call, (i, t, x0, xPrev) -> {
        predicted[i] = toActions(x0.toFloatArray(), tp, a);
        samples[i + 1] = toActions(xPrev.toFloatArray(), tp, a);
      });
    }
    return new DenoisingTrace(timesteps, samples, predicted, config.policy().chunkStart(), actionSteps());
  }

  /** Normalised [1·Tp·A] → [Tp][A] in action units. */
  private float[][] toActions(float[] flat, int tp, int a) {
    return codec.horizons(flat, 1)[0];
  }

  private Denoiser denoiser(NDManager call, int batch) {
    return (x, t, cond) -> {
      long[] steps = new long[batch];
      Arrays.fill(steps, t);
      return network.forward(x, call.create(steps), cond);
    };
  }


  /** Number of NDArrays alive on this policy's manager tree (for leak checks). */
  public int openArrays() {
    return network.openArrays();
  }

  @Override
  public void close() {
    network.close();
  }
}
