package io.diffpilot.policy.train;

/**
 * diffusers' {@code get_cosine_schedule_with_warmup} (the "cosine" scheduler diffusion_policy uses):
 * the learning rate of update k (0-based) is lr · k / warmup during warm-up, then
 * lr · ½ (1 + cos(π · (k − warmup) / (total − warmup))). As with PyTorch's LambdaLR, update 0
 * runs at factor 0 when there is a warm-up.
 */
public record CosineWarmup(double lr, int warmupSteps, int totalSteps) {

  public double at(int step) {
    if (step < warmupSteps) {
      return lr * step / Math.max(1, warmupSteps);
    }
    double progress = (double) (step - warmupSteps) / Math.max(1, totalSteps - warmupSteps);
    return lr * Math.max(0.0, 0.5 * (1 + Math.cos(Math.PI * progress)));
  }
}
