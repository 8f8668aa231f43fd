package io.diffpilot.policy.train;

/**
 * {@link AdamW}'s update (torch.optim.AdamW, ε = 1e−8) on flat float vectors, for the java
 * backend: the same formula in the same order, element by element. Public so that {@code bench
 * train} (module tools) times the same update the java trainer runs.
 */
public final class FlatAdamW {

  private final float[] m;
  private final float[] v;
  private final double beta1;
  private final double beta2;
  private final double weightDecay;
  private int updates;

  public FlatAdamW(int size, double beta1, double beta2, double weightDecay) {
    this.m = new float[size];
    this.v = new float[size];
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.weightDecay = weightDecay;
  }

  /** One update of {@code p} from {@code g} with learning rate {@code lr}. */
  public void step(float[] p, float[] g, double lr) {
    updates++;
    double bc1 = 1 - Math.pow(beta1, updates);
    float sqrtBc2 = (float) Math.sqrt(1 - Math.pow(beta2, updates));
    float decay = (float) (1 - lr * weightDecay);
    float b1 = (float) beta1;
    float b2 = (float) beta2;
    float c1 = (float) (1 - beta1);
    float c2 = (float) (1 - beta2);
    float stepSize = (float) (lr / bc1);
    float eps = (float) AdamW.EPS;
    for (int i = 0; i < p.length; i++) {
      float gi = g[i];
      float mi = m[i] * b1 + gi * c1;
      float vi = v[i] * b2 + gi * gi * c2;
      m[i] = mi;
      v[i] = vi;
      float denom = (float) Math.sqrt(vi) / sqrtBc2 + eps;
      p[i] = p[i] * decay - mi / denom * stepSize;
    }
  }

  public float[] firstMoments() {
    return m;
  }

  public float[] secondMoments() {
    return v;
  }

  public int updates() {
    return updates;
  }

  public void restoreUpdates(int k) {
    this.updates = k;
  }
}
