package io.diffpilot.runtime.control;

import io.diffpilot.core.ActionChunk;

/**
 * The actions the robot is executing or about to execute, on the robot's clock, with how much
 * weight each slot has accumulated from merged predictions (for ACT-style ensembling).
 *
 * <p>Immutable: merging builds a new plan. Slot {@code i} runs at {@code startNanos + i·stepNanos}.
 */
final class ActionPlan {
  final long startNanos;
  final long stepNanos;
  /** [n][A]. */
  final float[][] actions;
  /** Accumulated ensembling weight per slot [n]. */
  final double[] weights;
  /** Number of predictions merged into each slot [n]. */
  final int[] counts;

  private ActionPlan(long startNanos, long stepNanos, float[][] actions, double[] weights, int[] counts) {
    this.startNanos = startNanos;
    this.stepNanos = stepNanos;
    this.actions = actions;
    this.weights = weights;
    this.counts = counts;
  }

  /** A plan holding {@code position} from {@code startNanos} for {@code slots} slots. */
  static ActionPlan hold(float[] position, long startNanos, long stepNanos, int slots) {
    float[][] a = new float[slots][];
    double[] w = new double[slots];
    int[] c = new int[slots];
    for (int i = 0; i < slots; i++) {
      a[i] = position.clone();
      w[i] = 1;
      c[i] = 1;
    }
    return new ActionPlan(startNanos, stepNanos, a, w, c);
  }

  int length() {
    return actions.length;
  }

  long timeOf(int i) {
    return startNanos + i * stepNanos;
  }

  /** Slots whose time is ≥ {@code nowNanos}: what is left to execute. */
  int remainingAt(long nowNanos) {
    if (nowNanos <= startNanos) {
      return actions.length;
    }
    long passed = (nowNanos - startNanos + stepNanos - 1) / stepNanos;
    return (int) Math.max(0, actions.length - passed);
  }

  /**
   * The action being executed at {@code nowNanos}: the latest slot whose time has come, the first
   * slot before the plan starts, the last one after it ends (a robot holds its last action).
   */
  float[] actionAt(long nowNanos) {
    if (nowNanos <= startNanos) {
      return actions[0];
    }
    long idx = (nowNanos - startNanos) / stepNanos;
    return actions[(int) Math.min(idx, actions.length - 1)];
  }

  /** Result of merging a fresh chunk: the new plan and how many fresh actions were already late. */
  record Merge(ActionPlan plan, int lateDropped) {}

  /**
   * Merges {@code fresh} into {@code old} (may be null): fresh actions timed before
   * {@code nowNanos} are dropped (they are already in the past); the others are combined with the
   * old plan's slot at the same time by {@code rule}. The old plan's slots outside the fresh
   * chunk's time span are discarded: a newer chunk replaces the remainder from its start on.
   *
   * @return the merge, whose plan is null when every fresh action was late
   */
  static Merge merge(ActionPlan old, ActionChunk fresh, long nowNanos, MergeRule rule, double averageWeight,
      double exponentialK) {
    int n = fresh.length();
    long step = fresh.stepNanos();
    int first = 0;
    if (nowNanos > fresh.startNanos()) {
      long late = (nowNanos - fresh.startNanos() + step - 1) / step;
      first = (int) Math.min(late, n);
    }
    if (first == n) {
      return new Merge(null, n);
    }
    int kept = n - first;
    float[][] a = new float[kept][];
    double[] w = new double[kept];
    int[] c = new int[kept];
    float[][] src = fresh.actions();
    for (int i = 0; i < kept; i++) {
      long t = fresh.timeOf(first + i);
      float[] nu = src[first + i];
      int j = old == null ? -1 : old.slotAt(t);
      if (j < 0 || rule == MergeRule.LATEST || old.actions[j].length != nu.length) {
        a[i] = nu.clone();
        w[i] = 1;
        c[i] = 1;
        continue;
      }
      float[] prev = old.actions[j];
      float[] out = new float[nu.length];
      if (rule == MergeRule.AVERAGE) {
        for (int d = 0; d < out.length; d++) {
          out[d] = (float) ((1 - averageWeight) * prev[d] + averageWeight * nu[d]);
        }
        w[i] = 1;
      } else {
        double wPrev = old.weights[j];
        double wNew = Math.exp(-exponentialK * old.counts[j]);
        for (int d = 0; d < out.length; d++) {
          out[d] = (float) ((wPrev * prev[d] + wNew * nu[d]) / (wPrev + wNew));
        }
        w[i] = wPrev + wNew;
      }
      a[i] = out;
      c[i] = old.counts[j] + 1;
    }
    return new Merge(new ActionPlan(fresh.timeOf(first), step, a, w, c), first);
  }

  /** Index of the slot scheduled within half a step of {@code t}, or -1. */
  private int slotAt(long t) {
    long rel = t - startNanos;
    long j = Math.floorDiv(rel + stepNanos / 2, stepNanos);
    if (j < 0 || j >= actions.length) {
      return -1;
    }
    return (int) j;
  }

  /** The plan as a core chunk. */
  ActionChunk toChunk(int inferenceSteps) {
    return new ActionChunk(startNanos, stepNanos, actions, inferenceSteps);
  }
}
