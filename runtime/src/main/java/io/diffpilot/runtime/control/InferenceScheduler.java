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
 * when the machine gets faster again. The probe's measurement then replaces the window instead of
 * joining it: the window holds what made the robot refuse, and with no calls in between nothing
 * else would push those values out (a robot stayed locked out for the ~29 probes that took).
 *
 * <p>A remote policy's call also waits for transit and for other robots' requests queued at the
 * service, which the step count does not change ({@link ComputeTimed}). That wait is tracked
 * apart, the same way (EWMA and 90th percentile), and taken off the budget before the steps are
 * fitted: a busy service gets fewer steps asked of it. It never makes the robot refuse to ask,
 * though: only the steps' own cost can. A request that then comes back late is counted as a miss
 * by the caller, and the service sheds those its queue made hopeless. Refusing on account of the
 * queue locked a robot out: refusals bring no new measurements, so a spike of a few hundred
 * milliseconds kept the 90th percentile high for as many probes as the window holds.
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
  private final CostTrack perStep = new CostTrack();
  private final CostTrack overhead = new CostTrack();
  private int consecutiveMisses;
  private boolean warmedUp;
  private boolean probing;

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
      probing = true;
      return minSteps;
    }
    return 0;
  }

  /**
   * Largest step count in [0, maxSteps] whose estimated cost fits the budget with margin; never
   * below minSteps because of the remote wait alone (see the class comment).
   */
  public int stepsThatFit() {
    double est = perStepEstimateNanos();
    if (Double.isNaN(est)) {
      return maxSteps;
    }
    double perStepNanos = Math.max(est, 1.0);
    double room = margin * budgetNanos;
    double wait = overhead.estimate();
    int n = (int) Math.min(maxSteps, Math.floor((room - (Double.isNaN(wait) ? 0 : wait)) / perStepNanos));
    if (n < minSteps && minSteps * perStepNanos <= room) {
      return minSteps;
    }
    return Math.max(0, n);
  }

  /** Reports a finished inference whose {@code nanos} were all spent on its steps (the first one only warms up). */
  public void record(int steps, long nanos) {
    record(steps, nanos, 0);
  }

  /**
   * Reports a finished inference: {@code computeNanos} of denoising and {@code waitNanos} of
   * transit and queueing around it (0 for a local policy). The first call only warms up.
   */
  public void record(int steps, long computeNanos, long waitNanos) {
    if (steps < 1 || computeNanos < 0 || waitNanos < 0) {
      return;
    }
    if (!warmedUp) {
      warmedUp = true; // the cold first call (see class comment)
      return;
    }
    if (probing) {
      probing = false; // fresh evidence after a refusal streak (see class comment)
      perStep.clear();
      overhead.clear();
    }
    perStep.add((double) computeNanos / steps);
    overhead.add(waitNanos);
  }

  /** Current per-step cost estimate (ns), NaN before the first measurement. */
  public double perStepEstimateNanos() {
    return perStep.estimate();
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

  /** An exponentially weighted mean and the 90th percentile of the last {@value #WINDOW} values; the larger is the estimate. */
  private static final class CostTrack {
    private final double[] recent = new double[WINDOW];
    private final double[] scratch = new double[WINDOW];
    private int count;
    private int head;
    private double ewma = Double.NaN;

    void add(double v) {
      ewma = Double.isNaN(ewma) ? v : ALPHA * v + (1 - ALPHA) * ewma;
      recent[head] = v;
      head = (head + 1) % WINDOW;
      count = Math.min(count + 1, WINDOW);
    }

    void clear() {
      count = 0;
      head = 0;
      ewma = Double.NaN;
    }

    double estimate() {
      if (count == 0) {
        return Double.NaN;
      }
      System.arraycopy(recent, 0, scratch, 0, count);
      Arrays.sort(scratch, 0, count);
      double q = scratch[(int) Math.min(count - 1, Math.ceil(QUANTILE * count) - 1)];
      return Math.max(ewma, q);
    }
  }
}
