package io.diffpilot.policy.train;

/** {@link EmaModel}'s average (same decay schedule) on a flat float vector, for the java backend. */
public final class FlatEma {

  private final float[] average;
  private final EmaModel.Decay decay;
  private int optimizationStep;

  public FlatEma(float[] initial, double power, double maxDecay) {
    this.average = initial.clone();
    this.decay = new EmaModel.Decay(power, maxDecay);
  }

  public void update(float[] params) {
    double d = decay.at(optimizationStep);
    float keep = (float) d;
    float take = (float) (1 - d);
    for (int i = 0; i < average.length; i++) {
      average[i] = average[i] * keep + params[i] * take;
    }
    optimizationStep++;
  }

  public float[] average() {
    return average;
  }

  public int optimizationStep() {
    return optimizationStep;
  }

  public void restoreOptimizationStep(int k) {
    this.optimizationStep = k;
  }
}
