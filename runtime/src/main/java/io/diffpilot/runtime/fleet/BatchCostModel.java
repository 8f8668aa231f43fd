package io.diffpilot.runtime.fleet;

/**
 * Predicts how long one denoising call takes for B rows, learnt from the calls the server has
 * run: time per step ≈ {@code a + b·B}, fitted by least squares with exponential forgetting, so
 * it follows the machine's load. The server sizes each batch with it: on these CPU kernels a
 * batch of 8 costs about five times a batch of 1, so the biggest batch is not the best one once
 * its call would outlast the earliest deadline in it.
 *
 * <p>Until calls of two different sizes have been seen the slope is unknown; then time is taken
 * as proportional to B, which over-estimates big batches (the intercept is shared work) and so
 * errs towards small, punctual ones. A fit from a few noisy calls can still promise too much, so a
 * batch grows to at most twice the largest one timed so far. Not thread-safe: one model per worker
 * thread.
 */
final class BatchCostModel {
  /** Weight kept by the past at each new call: about the last 50 calls count. */
  private static final double FORGET = 0.98;

  private double s0;
  private double sx;
  private double sxx;
  private double sy;
  private double sxy;
  private int largestSeen;

  /** Records one call of {@code rows} rows and {@code steps} denoising steps that took {@code nanos}. */
  void record(int rows, int steps, long nanos) {
    if (rows < 1 || steps < 1 || nanos <= 0) {
      return;
    }
    double x = rows;
    double y = (double) nanos / steps;
    s0 = FORGET * s0 + 1;
    sx = FORGET * sx + x;
    sxx = FORGET * sxx + x * x;
    sy = FORGET * sy + y;
    sxy = FORGET * sxy + x * y;
    largestSeen = Math.max(largestSeen, rows);
  }

  /** Whether any call has been recorded. */
  boolean known() {
    return s0 > 0;
  }

  /** Predicted nanoseconds of a call of {@code rows} rows at {@code steps} steps; 0 before any call. */
  long predict(int rows, int steps) {
    if (!known()) {
      return 0;
    }
    double meanX = sx / s0;
    double meanY = sy / s0;
    double varX = sxx / s0 - meanX * meanX;
    double perStep;
    if (varX < 0.25) {
      perStep = meanY / meanX * rows; // one batch size seen so far: proportional, on the safe side
    } else {
      double slope = Math.max(0, (sxy / s0 - meanX * meanY) / varX);
      double intercept = Math.max(0, meanY - slope * meanX);
      perStep = intercept + slope * rows;
    }
    return Math.round(perStep * steps);
  }

  /**
   * The most rows, between 1 and {@code max}, whose call is predicted to finish within
   * {@code slackNanos} and at most twice the largest call timed; 1 if not even one row fits (the
   * caller decides what to do with it), and 1 before the first call, whose time then teaches the
   * model.
   */
  int largestFitting(int steps, long slackNanos, int max) {
    if (!known()) {
      return 1;
    }
    int limit = (int) Math.min(max, 2L * largestSeen);
    int rows = 1;
    while (rows < limit && predict(rows + 1, steps) <= slackNanos) {
      rows++;
    }
    return rows;
  }
}
