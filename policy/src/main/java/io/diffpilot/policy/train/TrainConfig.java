package io.diffpilot.policy.train;

/**
 * The {@code train:} section of a training YAML. Exactly one of steps and epochs is positive.
 *
 * @param steps optimizer steps (0 when epochs is given)
 * @param epochs passes over the training windows (0 when steps is given); steps = epochs · ⌈windows / batchSize⌉
 * @param batchSize windows per step
 * @param lr peak learning rate of AdamW (diffusion_policy: 1e-4)
 * @param warmupSteps linear warm-up steps before the cosine decay (diffusion_policy: 500)
 * @param weightDecay AdamW decoupled weight decay (1e-6)
 * @param beta1 AdamW β₁ (0.95)
 * @param beta2 AdamW β₂ (0.999)
 * @param seed seeds initialisation, window choice, noise and timesteps
 * @param checkpointEvery write a checkpoint every N steps (and at the end); 0 = only at the end
 * @param emaPower EMA warm-up power (0.75)
 * @param emaMaxDecay EMA decay cap (0.9999)
 * @param backend {@code auto}, {@code java} or {@code djl} (see {@link TrainingBackend})
 * @param threads threads of the java backend (they split the batch); 0 = one per core
 * @param snapshotEvery every N steps also write the EMA weights as a model directory
 *     {@code snapshots/step-NNNNNNN} (for evaluating checkpoints); 0 = never
 */
public record TrainConfig(
    int steps,
    int epochs,
    int batchSize,
    double lr,
    int warmupSteps,
    double weightDecay,
    double beta1,
    double beta2,
    long seed,
    int checkpointEvery,
    double emaPower,
    double emaMaxDecay,
    String backend,
    int threads,
    int snapshotEvery) {

  /** A config on the {@code auto} backend. */
  public TrainConfig(int steps, int epochs, int batchSize, double lr, int warmupSteps, double weightDecay, double beta1,
      double beta2, long seed, int checkpointEvery, double emaPower, double emaMaxDecay) {
    this(steps, epochs, batchSize, lr, warmupSteps, weightDecay, beta1, beta2, seed, checkpointEvery, emaPower,
        emaMaxDecay, TrainingBackend.AUTO, 0, 0);
  }

  public TrainConfig {
    if (backend == null || !TrainingBackend.NAMES.contains(backend)) {
      throw new IllegalArgumentException("train.backend must be one of auto, java, djl, got " + backend);
    }
    if (snapshotEvery < 0) {
      throw new IllegalArgumentException("train.snapshot_every must be >= 0, got " + snapshotEvery);
    }
    if (threads < 0) {
      throw new IllegalArgumentException("train.threads must be >= 0 (0 = one per core), got " + threads);
    }
    if ((steps > 0) == (epochs > 0) || steps < 0 || epochs < 0) {
      throw new IllegalArgumentException("train: give exactly one of steps or epochs (> 0), got steps " + steps
          + ", epochs " + epochs);
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("train.batch_size must be >= 1, got " + batchSize);
    }
    if (!(lr > 0) || Double.isInfinite(lr)) {
      throw new IllegalArgumentException("train.lr must be finite and > 0, got " + lr);
    }
    if (warmupSteps < 0 || checkpointEvery < 0) {
      throw new IllegalArgumentException("train.warmup_steps and train.checkpoint_every must be >= 0");
    }
    if (!(weightDecay >= 0)) {
      throw new IllegalArgumentException("train.weight_decay must be >= 0, got " + weightDecay);
    }
    if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
      throw new IllegalArgumentException("train.beta1 and train.beta2 must be in [0, 1), got " + beta1 + ", " + beta2);
    }
    if (!(emaPower > 0) || !(emaMaxDecay >= 0 && emaMaxDecay < 1)) {
      throw new IllegalArgumentException("train.ema_power must be > 0 and ema_max_decay in [0, 1), got "
          + emaPower + ", " + emaMaxDecay);
    }
  }

  /** diffusion_policy's optimizer and EMA settings with {@code steps} steps of batch {@code batchSize}. */
  public static TrainConfig defaults(int steps, int batchSize) {
    return new TrainConfig(steps, 0, batchSize, 1e-4, 500, 1e-6, 0.95, 0.999, 42, 1000, 0.75, 0.9999);
  }

  /** Total optimizer steps for {@code windows} training windows. */
  /** This config on another backend. */
  public TrainConfig withBackend(String name) {
    return new TrainConfig(steps, epochs, batchSize, lr, warmupSteps, weightDecay, beta1, beta2, seed, checkpointEvery,
        emaPower, emaMaxDecay, name, threads, snapshotEvery);
  }

  /** Threads the java backend uses. */
  public int resolvedThreads() {
    return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
  }

  public int totalSteps(int windows) {
    if (steps > 0) {
      return steps;
    }
    return Math.toIntExact((long) epochs * ((windows + batchSize - 1) / batchSize));
  }
}
