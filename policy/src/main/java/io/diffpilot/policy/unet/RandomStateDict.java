package io.diffpilot.policy.unet;

import io.diffpilot.policy.io.Safetensors;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Random ConditionalUnet1D state dicts with diffusion_policy's names and PyTorch-like init scales (benchmarks, tests). */
public final class RandomStateDict {

  private final Map<String, Safetensors.Tensor> sd = new LinkedHashMap<>();
  private final Random random;

  private RandomStateDict(long seed) {
    this.random = new Random(seed);
  }

  public static Map<String, Safetensors.Tensor> of(UnetConfig cfg, long seed) {
    RandomStateDict r = new RandomStateDict(seed);
    int d = cfg.stepEmbedDim();
    int condDim = d + cfg.globalCondDim();
    r.dense("diffusion_step_encoder.1", 4 * d, d);
    r.dense("diffusion_step_encoder.3", d, 4 * d);
    List<Integer> dims = cfg.downDims();
    int levels = dims.size();
    int in = cfg.inputDim();
    for (int l = 0; l < levels; l++) {
      int out = dims.get(l);
      r.block(cfg, "down_modules." + l + ".0", in, out, condDim);
      r.block(cfg, "down_modules." + l + ".1", out, out, condDim);
      if (l < levels - 1) {
        r.conv("down_modules." + l + ".2.conv", out, out, 3);
      }
      in = out;
    }
    int mid = dims.get(levels - 1);
    r.block(cfg, "mid_modules.0", mid, mid, condDim);
    r.block(cfg, "mid_modules.1", mid, mid, condDim);
    for (int u = 0; u < levels - 1; u++) {
      int dimOut = dims.get(levels - 1 - u);
      int dimIn = dims.get(levels - 2 - u);
      r.block(cfg, "up_modules." + u + ".0", 2 * dimOut, dimIn, condDim);
      r.block(cfg, "up_modules." + u + ".1", dimIn, dimIn, condDim);
      r.conv("up_modules." + u + ".2.conv", dimIn, dimIn, 4); // [in, out, 4]; same count when in == out
    }
    int start = dims.get(0);
    r.conv("final_conv.0.block.0", start, start, cfg.kernelSize());
    r.norm("final_conv.0.block.1", start);
    r.conv("final_conv.1", cfg.inputDim(), start, 1);
    return r.sd;
  }

  private void block(UnetConfig cfg, String p, int in, int out, int condDim) {
    conv(p + ".blocks.0.block.0", out, in, cfg.kernelSize());
    norm(p + ".blocks.0.block.1", out);
    conv(p + ".blocks.1.block.0", out, out, cfg.kernelSize());
    norm(p + ".blocks.1.block.1", out);
    dense(p + ".cond_encoder.1", (cfg.condPredictScale() ? 2 : 1) * out, condDim);
    if (in != out) {
      conv(p + ".residual_conv", out, in, 1);
    }
  }

  private void conv(String p, int out, int in, int k) {
    double bound = 1 / Math.sqrt(in * k);
    sd.put(p + ".weight", Safetensors.Tensor.ofFloats(uniform(out * in * k, bound), out, in, k));
    sd.put(p + ".bias", Safetensors.Tensor.ofFloats(uniform(out, bound), out));
  }

  private void dense(String p, int out, int in) {
    double bound = 1 / Math.sqrt(in);
    sd.put(p + ".weight", Safetensors.Tensor.ofFloats(uniform(out * in, bound), out, in));
    sd.put(p + ".bias", Safetensors.Tensor.ofFloats(uniform(out, bound), out));
  }

  private void norm(String p, int c) {
    float[] gamma = new float[c];
    float[] beta = new float[c];
    for (int i = 0; i < c; i++) {
      gamma[i] = (float) (1 + 0.2 * random.nextGaussian());
      beta[i] = (float) (0.2 * random.nextGaussian());
    }
    sd.put(p + ".weight", Safetensors.Tensor.ofFloats(gamma, c));
    sd.put(p + ".bias", Safetensors.Tensor.ofFloats(beta, c));
  }

  private float[] uniform(int n, double bound) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
    }
    return v;
  }
}
