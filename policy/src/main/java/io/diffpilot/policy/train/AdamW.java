package io.diffpilot.policy.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Parameter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * AdamW exactly as {@code torch.optim.AdamW} (ε = 1e−8, no amsgrad):
 * <pre>
 *   p ← p · (1 − lr · wd)
 *   m ← β₁ m + (1 − β₁) g,   v ← β₂ v + (1 − β₂) g²
 *   p ← p − lr / (1 − β₁^k) · m / (√v / √(1 − β₂^k) + ε)
 * </pre>
 * Written here rather than using DJL's optimizer so that its state (m, v, k) can be saved in a
 * checkpoint and restored for {@code --resume}. State lives on the parameters' manager, created
 * once; each update runs in an NDScope outside any gradient recording.
 */
public final class AdamW {

  static final double EPS = 1e-8;

  private final Map<String, Parameter> params;
  private final Map<String, NDArray> m = new LinkedHashMap<>();
  private final Map<String, NDArray> v = new LinkedHashMap<>();
  private final double beta1;
  private final double beta2;
  private final double weightDecay;
  private int updates;

  public AdamW(Map<String, Parameter> params, NDManager manager, double beta1, double beta2, double weightDecay) {
    this.params = params;
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.weightDecay = weightDecay;
    for (Map.Entry<String, Parameter> e : params.entrySet()) {
      NDArray p = e.getValue().getArray();
      m.put(e.getKey(), manager.zeros(p.getShape(), p.getDataType()));
      v.put(e.getKey(), manager.zeros(p.getShape(), p.getDataType()));
    }
  }

  /** Applies one update with learning rate {@code lr} from the parameters' gradients, then zeroes them. */
  public void step(double lr) {
    updates++;
    double bc1 = 1 - Math.pow(beta1, updates);
    double sqrtBc2 = Math.sqrt(1 - Math.pow(beta2, updates));
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      for (Map.Entry<String, Parameter> e : params.entrySet()) {
        NDArray p = e.getValue().getArray();
        NDArray g = p.getGradient();
        NDArray mk = m.get(e.getKey());
        NDArray vk = v.get(e.getKey());
        p.muli(1 - lr * weightDecay);
        mk.muli(beta1).addi(g.mul(1 - beta1));
        vk.muli(beta2).addi(g.square().muli(1 - beta2));
        NDArray denom = vk.sqrt().divi(sqrtBc2).addi(EPS);
        p.subi(mk.div(denom).muli(lr / bc1));
        g.muli(0);
      }
    }
  }

  /** Number of updates applied so far (k). */
  public int updates() {
    return updates;
  }

  /** First and second moments by parameter name (live arrays; for checkpoints). */
  public Map<String, NDArray> firstMoments() {
    return m;
  }

  public Map<String, NDArray> secondMoments() {
    return v;
  }

  /** Restores the update count after the moments were loaded into {@link #firstMoments()} / {@link #secondMoments()}. */
  public void restoreUpdates(int k) {
    this.updates = k;
  }
}
