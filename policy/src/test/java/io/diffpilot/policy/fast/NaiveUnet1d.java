package io.diffpilot.policy.fast;

import io.diffpilot.policy.io.Safetensors;
import io.diffpilot.policy.unet.UnetConfig;
import java.util.List;
import java.util.Map;

/**
 * Test oracle: ConditionalUnet1D written as directly from the PyTorch module as possible, on
 * {@code [B, C, T]} double arrays, with no packing, padding tricks or threads.
 */
final class NaiveUnet1d {

  private final UnetConfig cfg;
  private final Map<String, Safetensors.Tensor> sd;

  NaiveUnet1d(UnetConfig cfg, Map<String, Safetensors.Tensor> sd) {
    this.cfg = cfg;
    this.sd = sd;
  }

  private double[] p(String name) {
    float[] f = sd.get(name).toFloatArray();
    double[] d = new double[f.length];
    for (int i = 0; i < f.length; i++) {
      d[i] = f[i];
    }
    return d;
  }

  /** sample [B,T,A] → output [B,T,A]. */
  float[] forward(float[] sample, long[] timesteps, float[] globalCond, int batch, int horizon) {
    int a = cfg.inputDim();
    float[] result = new float[batch * horizon * a];
    for (int b = 0; b < batch; b++) {
      double[][] x = new double[a][horizon];
      for (int t = 0; t < horizon; t++) {
        for (int c = 0; c < a; c++) {
          x[c][t] = sample[(b * horizon + t) * a + c];
        }
      }
      double[] gc = new double[cfg.globalCondDim()];
      for (int i = 0; i < gc.length; i++) {
        gc[i] = globalCond[b * gc.length + i];
      }
      double[][] y = forwardOne(x, timesteps[b], gc);
      for (int t = 0; t < horizon; t++) {
        for (int c = 0; c < a; c++) {
          result[(b * horizon + t) * a + c] = (float) y[c][t];
        }
      }
    }
    return result;
  }

  private double[][] forwardOne(double[][] sample, long timestep, double[] globalCond) {
    int dsed = cfg.stepEmbedDim();
    int half = dsed / 2;
    double[] emb = new double[dsed];
    double scale = Math.log(10000) / (half - 1);
    for (int i = 0; i < half; i++) {
      double arg = timestep * Math.exp(-scale * i);
      emb[i] = Math.sin(arg);
      emb[half + i] = Math.cos(arg);
    }
    double[] h = linear(emb, "diffusion_step_encoder.1");
    for (int i = 0; i < h.length; i++) {
      h[i] = mish(h[i]);
    }
    double[] stepFeature = linear(h, "diffusion_step_encoder.3");
    double[] feature = new double[dsed + globalCond.length];
    System.arraycopy(stepFeature, 0, feature, 0, dsed);
    System.arraycopy(globalCond, 0, feature, dsed, globalCond.length);

    List<Integer> dims = cfg.downDims();
    int levels = dims.size();
    double[][] x = sample;
    double[][][] skips = new double[levels][][];
    for (int l = 0; l < levels; l++) {
      x = resBlock(x, feature, "down_modules." + l + ".0");
      x = resBlock(x, feature, "down_modules." + l + ".1");
      skips[l] = x;
      if (l < levels - 1) {
        x = conv(x, p("down_modules." + l + ".2.conv.weight"), p("down_modules." + l + ".2.conv.bias"), 2, 1);
      }
    }
    x = resBlock(x, feature, "mid_modules.0");
    x = resBlock(x, feature, "mid_modules.1");
    for (int u = 0; u < levels - 1; u++) {
      double[][] skip = skips[levels - 1 - u];
      double[][] cat = new double[x.length + skip.length][];
      System.arraycopy(x, 0, cat, 0, x.length);
      System.arraycopy(skip, 0, cat, x.length, skip.length);
      x = resBlock(cat, feature, "up_modules." + u + ".0");
      x = resBlock(x, feature, "up_modules." + u + ".1");
      x = convTranspose(x, p("up_modules." + u + ".2.conv.weight"), p("up_modules." + u + ".2.conv.bias"));
    }
    x = convBlock(x, "final_conv.0", 8);
    return conv(x, p("final_conv.1.weight"), p("final_conv.1.bias"), 1, 0);
  }

  private double[][] resBlock(double[][] x, double[] feature, String prefix) {
    double[][] out = convBlock(x, prefix + ".blocks.0", cfg.nGroups());
    double[] m = new double[feature.length];
    for (int i = 0; i < m.length; i++) {
      m[i] = mish(feature[i]);
    }
    double[] embed = linear(m, prefix + ".cond_encoder.1");
    int c = out.length;
    for (int ch = 0; ch < c; ch++) {
      for (int t = 0; t < out[ch].length; t++) {
        out[ch][t] = cfg.condPredictScale() ? embed[ch] * out[ch][t] + embed[c + ch] : out[ch][t] + embed[ch];
      }
    }
    out = convBlock(out, prefix + ".blocks.1", cfg.nGroups());
    double[][] res = x.length == c ? x
        : conv(x, p(prefix + ".residual_conv.weight"), p(prefix + ".residual_conv.bias"), 1, 0);
    for (int ch = 0; ch < c; ch++) {
      for (int t = 0; t < out[ch].length; t++) {
        out[ch][t] += res[ch][t];
      }
    }
    return out;
  }

  private double[][] convBlock(double[][] x, String prefix, int groups) {
    double[] w = p(prefix + ".block.0.weight");
    int k = cfg.kernelSize();
    double[][] y = conv(x, w, p(prefix + ".block.0.bias"), 1, k / 2);
    double[] gamma = p(prefix + ".block.1.weight");
    double[] beta = p(prefix + ".block.1.bias");
    int c = y.length;
    int size = c / groups;
    int steps = y[0].length;
    for (int g = 0; g < groups; g++) {
      double sum = 0;
      for (int ch = g * size; ch < (g + 1) * size; ch++) {
        for (int t = 0; t < steps; t++) {
          sum += y[ch][t];
        }
      }
      double mean = sum / (size * steps);
      double var = 0;
      for (int ch = g * size; ch < (g + 1) * size; ch++) {
        for (int t = 0; t < steps; t++) {
          var += (y[ch][t] - mean) * (y[ch][t] - mean);
        }
      }
      var /= size * steps;
      for (int ch = g * size; ch < (g + 1) * size; ch++) {
        for (int t = 0; t < steps; t++) {
          y[ch][t] = mish((y[ch][t] - mean) / Math.sqrt(var + 1e-5) * gamma[ch] + beta[ch]);
        }
      }
    }
    return y;
  }

  /** PyTorch Conv1d, weight [out, in, k]. */
  static double[][] conv(double[][] x, double[] w, double[] bias, int stride, int padding) {
    int cin = x.length;
    int steps = x[0].length;
    int cout = bias.length;
    int k = w.length / (cout * cin);
    int outSteps = (steps + 2 * padding - k) / stride + 1;
    double[][] y = new double[cout][outSteps];
    for (int o = 0; o < cout; o++) {
      for (int t = 0; t < outSteps; t++) {
        double s = bias[o];
        for (int i = 0; i < cin; i++) {
          for (int j = 0; j < k; j++) {
            int src = t * stride - padding + j;
            if (src >= 0 && src < steps) {
              s += w[(o * cin + i) * k + j] * x[i][src];
            }
          }
        }
        y[o][t] = s;
      }
    }
    return y;
  }

  /** PyTorch ConvTranspose1d(k 4, stride 2, padding 1), weight [in, out, 4], by its scatter definition. */
  static double[][] convTranspose(double[][] x, double[] w, double[] bias) {
    int cin = x.length;
    int steps = x[0].length;
    int cout = bias.length;
    double[][] y = new double[cout][2 * steps];
    for (int o = 0; o < cout; o++) {
      java.util.Arrays.fill(y[o], bias[o]);
    }
    for (int i = 0; i < cin; i++) {
      for (int t = 0; t < steps; t++) {
        for (int j = 0; j < 4; j++) {
          int dst = 2 * t - 1 + j;
          if (dst < 0 || dst >= 2 * steps) {
            continue;
          }
          for (int o = 0; o < cout; o++) {
            y[o][dst] += w[(i * cout + o) * 4 + j] * x[i][t];
          }
        }
      }
    }
    return y;
  }

  private double[] linear(double[] x, String prefix) {
    double[] w = p(prefix + ".weight");
    double[] bias = p(prefix + ".bias");
    double[] y = new double[bias.length];
    for (int o = 0; o < y.length; o++) {
      double s = bias[o];
      for (int i = 0; i < x.length; i++) {
        s += w[o * x.length + i] * x[i];
      }
      y[o] = s;
    }
    return y;
  }

  static double mish(double x) {
    double softplus = x > 20 ? x : Math.log1p(Math.exp(x));
    return x * Math.tanh(softplus);
  }
}
