package io.diffpilot.policy.unet;

import java.util.List;
import java.util.Objects;

/**
 * Sizes of diffusion_policy's {@code ConditionalUnet1D}.
 *
 * @param inputDim action dimension A (channels of the denoised trajectory)
 * @param globalCondDim width of the global condition (flattened To observations), 0 for none
 * @param stepEmbedDim width of the sinusoidal diffusion-step embedding
 * @param downDims channel widths of the down path, e.g. [256, 512, 1024]
 * @param kernelSize temporal convolution kernel (odd)
 * @param nGroups GroupNorm groups; every width in downDims must be divisible by it
 * @param condPredictScale FiLM predicts scale and bias (true) or bias only (false)
 */
public record UnetConfig(
    int inputDim,
    int globalCondDim,
    int stepEmbedDim,
    List<Integer> downDims,
    int kernelSize,
    int nGroups,
    boolean condPredictScale) {

  public UnetConfig {
    Objects.requireNonNull(downDims, "down_dims");
    downDims = List.copyOf(downDims);
    if (inputDim < 1) {
      throw new IllegalArgumentException("input_dim must be >= 1");
    }
    if (globalCondDim < 0) {
      throw new IllegalArgumentException("global_cond_dim must be >= 0");
    }
    if (stepEmbedDim < 2 || stepEmbedDim % 2 != 0) {
      throw new IllegalArgumentException("step_embed_dim must be even and >= 2, got " + stepEmbedDim);
    }
    if (downDims.isEmpty()) {
      throw new IllegalArgumentException("down_dims must not be empty");
    }
    if (kernelSize < 1 || kernelSize % 2 == 0) {
      throw new IllegalArgumentException("kernel_size must be odd, got " + kernelSize);
    }
    if (nGroups < 1) {
      throw new IllegalArgumentException("n_groups must be >= 1");
    }
    for (int d : downDims) {
      if (d < 1 || d % nGroups != 0) {
        throw new IllegalArgumentException("down dim " + d + " is not divisible by n_groups " + nGroups);
      }
    }
  }

  /** The paper's default: down_dims 256/512/1024, kernel 5, 8 groups, step embedding 256, FiLM scale. */
  public static UnetConfig paperDefault(int actionDim, int globalCondDim) {
    return new UnetConfig(actionDim, globalCondDim, 256, List.of(256, 512, 1024), 5, 8, true);
  }

  /** The small net of the benchmarks: down_dims 64/128/256, otherwise the paper's default. */
  public static UnetConfig small(int actionDim, int globalCondDim) {
    return new UnetConfig(actionDim, globalCondDim, 256, List.of(64, 128, 256), 5, 8, true);
  }

  /** Horizons must be divisible by this (one halving per down level but the last). */
  public int horizonMultiple() {
    return 1 << (downDims.size() - 1);
  }
}
