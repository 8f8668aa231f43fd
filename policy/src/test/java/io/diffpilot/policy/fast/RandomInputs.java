package io.diffpilot.policy.fast;

import io.diffpilot.policy.unet.UnetConfig;
import java.util.Random;

/**
 * One forward's random inputs for a network under test: a Gaussian {@code sample [batch, T, A]}
 * and {@code globalCond [batch, G]}, then {@code timesteps} in [0, 100), drawn in that order
 * from one seed.
 */
record RandomInputs(float[] sample, float[] cond, long[] steps) {

  static RandomInputs of(UnetConfig cfg, int horizon, int batch, long seed) {
    Random r = new Random(seed);
    float[] sample = FastUnet1dTest.gaussian(r, batch * horizon * cfg.inputDim());
    float[] cond = FastUnet1dTest.gaussian(r, batch * cfg.globalCondDim());
    long[] steps = new long[batch];
    for (int b = 0; b < batch; b++) {
      steps[b] = r.nextInt(100);
    }
    return new RandomInputs(sample, cond, steps);
  }
}
