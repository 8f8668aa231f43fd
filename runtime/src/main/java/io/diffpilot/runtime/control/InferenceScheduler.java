package io.diffpilot.runtime.control;

import java.util.Arrays;

/**
 * Chooses how many denoising steps fit the latency budget, from the per-step cost measured online.
 *
 * <p>Each finished inference reports {@code (steps, nanos)}; the per-step cost is tracked as an
 * exponentially weighted mean and as the 90th percentile of the last {@value #WINDOW} calls, and the
 * larger of the two is the estimate (so one lucky call does not raise the step count, and a slow
 * spell lowers it at once). The chosen count is the largest n in [minSteps, maxSteps] with
 * {@code n · estimate ≤ margin · budget}. When even minSteps does not fit, {@link #chooseSteps}
 * returns 0: the caller keeps executing the previous chunk and counts a deadline miss; after
 * {@code probeEvery} consecutive misses one call at minSteps is allowed so the estimate can recover
 * when the machine gets faster again.
 *
 * <p>The very first call is not measured: it pays for JIT compilation and native initialisation
 * (hundreds of ms for a DJL model) and would otherwise hold the controller for the ~10 probes it
 * takes to push it out of the quantile. Until a measurement exists the answer is maxSteps.
 * Not thread-safe; the control loop calls it under its lock.
 */
public final class InferenceScheduler {
  static final int WINDOW = 32;
  private static final double ALPHA = 0.2;
  private static final double QUANTILE = 0.9;

  private final long budgetNanos;
  private final int minSteps;
  private final int maxSteps;
  private final double margin;
  private final int probeEvery;
  private final double[] recent = new double[WINDOW];
  private final double[] scratch = new double[WINDOW];
  private int recentCount;
  private int recentHead;
  private double ewma = Double.NaN;
  private int consecutiveMisses;
  private boolean warmedUp;

  /**
   * @param budgetNanos latency budget for one inference (ns), &gt; 0
   * @param minSteps fewest denoising steps worth running, ≥ 1
   * @param maxSteps most steps, ≥ minSteps
   * @param margin fraction of the budget the estimate may use, in (0, 1]
   * @param probeEvery after this many consecutive misses, run one probe at minSteps (≥ 1)
   */
  public InferenceScheduler(long budgetNanos, int minSteps, int maxSteps, double margin, int probeEvery) {
    if (budgetNanos <= 0) {
      throw new IllegalArgumentException("budgetNanos must be > 0");
    }
    if (minSteps < 1 || maxSteps < minSteps) {
      throw new IllegalArgumentException("need 1 <= minSteps <= maxSteps, got " + minSteps + ", " + maxSteps);
    }
    if (!(margin > 0 && margin <= 1)) {
      throw new IllegalArgumentException("margin must be in (0, 1], got " + margin);
    }
    if (probeEvery < 1) {
      throw new IllegalArgumentException("probeEvery must be >= 1");
    }
    this.budgetNanos = budgetNanos;
    this.minSteps = minSteps;
    this.maxSteps = maxSteps;
    this.margin = margin;
    this.probeEvery = probeEvery;
  }

  /** Steps for the next inference, or 0 if even minSteps would blow the budget (a deadline miss). */
  public int chooseSteps() {
    int fit = stepsThatFit();
    if (fit >= minSteps) {
      consecutiveMisses = 0;
      return fit;
    }
    consecutiveMisses++;
    if (consecutiveMisses >= probeEvery) {
      consecutiveMisses = 0;
      return minSteps;
    }
    return 0;
  }

  /** Largest step count in [0, maxSteps] whose estimated cost fits the budget with margin. */
  public int stepsThatFit() {
    double est = perStepEstimateNanos();
    if (Double.isNaN(est)) {
      return maxSteps;
    }
    double n = Math.floor(margin * budgetNanos / Math.max(est, 1.0));
    return (int) Math.min(maxSteps, n);
  }

  /** Reports a finished inference (the first one only warms up). */
  public void record(int steps, long nanos) {
    if (steps < 1 || nanos < 0) {
      return;
    }
    if (!warmedUp) {
      warmedUp = true; // the cold first call (see class comment)
      return;
    }
    double perStep = (double) nanos / steps;
    ewma = Double.isNaN(ewma) ? perStep : ALPHA * perStep + (1 - ALPHA) * ewma;
    recent[recentHead] = perStep;
    recentHead = (recentHead + 1) % WINDOW;
    recentCount = Math.min(recentCount + 1, WINDOW);
  }

  /** Current per-step cost estimate (ns), NaN before the first measurement. */
  public double perStepEstimateNanos() {
    if (recentCount == 0) {
      return Double.NaN;
    }
    System.arraycopy(recent, 0, scratch, 0, recentCount);
    Arrays.sort(scratch, 0, recentCount);
    double q = scratch[(int) Math.min(recentCount - 1, Math.ceil(QUANTILE * recentCount) - 1)];
    return Math.max(ewma, q);
  }

  public long budgetNanos() {
    return budgetNanos;
  }

  public int minSteps() {
    return minSteps;
  }

  public int maxSteps() {
    return maxSteps;
  }
}
