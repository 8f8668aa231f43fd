package io.diffpilot.policy.backend;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import io.diffpilot.core.SamplerKind;
import io.diffpilot.core.Sampling;
import io.diffpilot.policy.fast.FastDdim;
import io.diffpilot.policy.fast.FastUnet1d;
import io.diffpilot.policy.io.Safetensors;
import io.diffpilot.policy.model.DenoisingPolicy;
import io.diffpilot.policy.model.ModelDirectory;
import io.diffpilot.policy.model.PolicyConfig;
import io.diffpilot.policy.normalize.LinearNormalizer;
import io.diffpilot.policy.sampling.DdimSampler;
import io.diffpilot.policy.sampling.Denoiser;
import io.diffpilot.policy.sampling.GaussianNoise;
import io.diffpilot.policy.sampling.Sampler;
import io.diffpilot.policy.schedule.PredictionType;
import io.diffpilot.policy.schedule.TimestepSpacing;
import java.util.Arrays;
import java.util.Map;

/**
 * The diffusion policy on the {@code java} backend: the same contract, conditioning, noise
 * (row b seeded with {@code seed + b}) and normalisation as {@code DiffusionPolicy}, with the
 * network in {@link FastUnet1d}.
 *
 * <p>DDIM (the control-loop sampler) runs entirely on {@code float[]} ({@link FastDdim}): no native
 * call, nothing allocated per denoising step. DDPM and DPM-Solver++ reuse the NDArray samplers of
 * {@code io.diffpilot.policy.sampling} with this network behind their {@link Denoiser} (so they
 * need the DJL engine for the sampler arithmetic, not for the network).
 *
 * <p>Calls are serialised. Buffers are sized for the largest batch seen so far.
 */
public final class FastDiffusionPolicy extends DenoisingPolicy {

  private final Map<String, Safetensors.Tensor> weights;
  private final int threads;
  private FastUnet1d net;
  private FastDdim ddim;

  public FastDiffusionPolicy(PolicyConfig config, Map<String, Safetensors.Tensor> weights, LinearNormalizer normalizer,
      int maxBatch, int threads) {
    super(config, normalizer);
    this.weights = Map.copyOf(weights);
    this.threads = threads;
    build(maxBatch);
  }

  /** A policy for batch 1 (grows on demand) from a model directory. */
  public static FastDiffusionPolicy create(ModelDirectory model, int threads) {
    return new FastDiffusionPolicy(model.config(), model.weights(), model.normalizer(), 1, threads);
  }

  private void build(int maxBatch) {
    FastUnet1d next = FastUnet1d.create(config.network(), weights, config.policy().horizon(), maxBatch, threads);
    if (net != null) {
      net.close();
    }
    net = next;
    ddim = new FastDdim(net, schedule.alphasCumprod(), schedule.predictionType() == PredictionType.EPSILON,
        schedule.clipBound());
  }

  /** The network, for benchmarks. */
  public FastUnet1d network() {
    return net;
  }

  @Override
  protected synchronized float[] sampleNormalized(float[] cond, int batch, Sampling sampling) {
    if (batch > net.maxBatch()) {
      build(batch);
    }
    Shape shape = new Shape(batch, config.policy().horizon(), actionDim());
    GaussianNoise noise = GaussianNoise.seeded(sampling.seed(), batch);
    boolean consistency = sampling.sampler() == SamplerKind.CONSISTENCY;
    if (sampling.sampler() == SamplerKind.DDIM || consistency) {
      if (consistency && schedule.predictionType() != PredictionType.SAMPLE) {
        throw new IllegalArgumentException("the consistency sampler needs a distilled x0-prediction student "
            + "(diffpilot distill); this model predicts " + schedule.predictionType());
      }
      float[] x = noise.nextFloats(shape);
      int[] timesteps = DdimSampler.timesteps(schedule.trainTimesteps(), sampling.steps(),
          consistency ? TimestepSpacing.TRAILING : config.inference().timestepSpacing());
      ddim.sample(x, cond, batch, timesteps, consistency ? 0.0 : config.inference().eta(),
          (out, n) -> System.arraycopy(noise.nextFloats(shape), 0, out, 0, n));
      return x;
    }
    try (NDManager manager = NDManager.newBaseManager(); NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      Sampler sampler = Sampler.of(sampling.sampler(), schedule, config.inference().eta(),
          config.inference().timestepSpacing());
      NDArray condArray = manager.create(cond, new Shape(batch, config.network().globalCondDim()));
      return sampler.sample(denoiser(manager, batch), condArray, shape, sampling.steps(), noise, manager).toFloatArray();
    }
  }

  /** This network behind the NDArray samplers' seam (one host copy in and out per step). */
  private Denoiser denoiser(NDManager manager, int batch) {
    long[] steps = new long[batch];
    return (sample, t, cond) -> {
      Arrays.fill(steps, t);
      float[] out = new float[Math.toIntExact(sample.size())];
      net.forward(sample.toFloatArray(), steps, cond.toFloatArray(), batch, out);
      return manager.create(out, sample.getShape());
    };
  }


  @Override
  public synchronized void close() {
    net.close();
  }
}
