package io.diffpilot.policy.train;

/** {@link EmaModel}'s average (same decay schedule) on a flat float vector, for the java backend. */
final class FlatEma {

  private final float[] average;
  private final EmaModel.Decay decay;
  private int optimizationStep;

  FlatEma(float[] initial, double power, double maxDecay) {
    this.average = initial.clone();
    this.decay = new EmaModel.Decay(power, maxDecay);
  }

  void update(float[] params) {
    double d = decay.at(optimizationStep);
    float keep = (float) d;
    float take = (float) (1 - d);
    for (int i = 0; i < average.length; i++) {
      average[i] = average[i] * keep + params[i] * take;
    }
    optimizationStep++;
  }

  float[] average() {
    return average;
  }

  int optimizationStep() {
    return optimizationStep;
  }

  void restoreOptimizationStep(int k) {
    this.optimizationStep = k;
  }
}
