package io.diffpilot.policy.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Parameter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Exponential moving average of the weights, as diffusion_policy's {@code EMAModel}: after
 * optimisation step k (counting from 0), with s = max(0, k − updateAfterStep − 1),
 * decay = 0 if s = 0, else clamp(1 − (1 + s / invGamma)^−power, minDecay, maxDecay), and
 * ema ← decay · ema + (1 − decay) · param. Defaults: power 0.75, min 0, max 0.9999,
 * updateAfterStep 0, invGamma 1.
 */
public final class EmaModel {

  private final Map<String, Parameter> params;
  private final Map<String, NDArray> averages = new LinkedHashMap<>();
  private final double power;
  private final double maxDecay;
  private int optimizationStep;

  public EmaModel(Map<String, Parameter> params, NDManager manager, double power, double maxDecay) {
    this.params = params;
    this.power = power;
    this.maxDecay = maxDecay;
    for (Map.Entry<String, Parameter> e : params.entrySet()) {
      NDArray copy = e.getValue().getArray().duplicate();
      copy.attach(manager);
      copy.setRequiresGradient(false);
      averages.put(e.getKey(), copy);
    }
  }

  /** The decay used at optimisation step {@code k}. */
  public double decay(int k) {
    return new Decay(power, maxDecay).at(k);
  }

  /** The warm-up schedule of the decay, shared with the java backend's flat average. */
  record Decay(double power, double maxDecay) {
    double at(int k) {
      int s = Math.max(0, k - 1);
      if (s <= 0) {
        return 0.0;
      }
      double value = 1 - Math.pow(1 + s, -power);
      return Math.max(0.0, Math.min(value, maxDecay));
    }
  }

  /** Folds the current parameters into the average and advances the step. */
  public void update() {
    double d = decay(optimizationStep);
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      for (Map.Entry<String, Parameter> e : params.entrySet()) {
        NDArray avg = averages.get(e.getKey());
        avg.muli(d).addi(e.getValue().getArray().mul(1 - d));
      }
    }
    optimizationStep++;
  }

  /** Averages by parameter name (live arrays). */
  public Map<String, NDArray> averages() {
    return averages;
  }

  public int optimizationStep() {
    return optimizationStep;
  }

  public void restoreOptimizationStep(int k) {
    this.optimizationStep = k;
  }
}
