package io.diffpilot.policy.distill;

import io.diffpilot.policy.fast.ArrayDenoiser;
import io.diffpilot.policy.train.TrainingWindows;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * The teacher's deterministic DDIM (η = 0, the probability-flow ODE) from pure noise at t = N − 1
 * to x₀, run for many (observation, noise) pairs, keeping the state x_t at each student anchor
 * timestep and the end point. A student trained to map any kept state to its end point is
 * consistent along the teacher's trajectories by construction: the target is the teacher's own
 * full solve, not a one-step bootstrap of the student (which compounds its error at t ≈ N − 1).
 *
 * <p>Memory: count × (G + (K + 1) · T · A) floats (20,000 Push-T trajectories with 6 anchors: ~21 MB).
 */
public final class TeacherTrajectories {

  private final int count;
  private final int condWidth;
  private final int sampleWidth;
  private final int[] anchors;
  private final float[] cond;
  private final float[] states;
  private final float[] ends;

  private TeacherTrajectories(int count, int condWidth, int sampleWidth, int[] anchors) {
    this.count = count;
    this.condWidth = condWidth;
    this.sampleWidth = sampleWidth;
    this.anchors = anchors;
    this.cond = new float[count * condWidth];
    this.states = new float[count * anchors.length * sampleWidth];
    this.ends = new float[count * sampleWidth];
  }

  /** Receives the number of trajectories done so far. */
  @FunctionalInterface
  public interface Progress {
    void done(int trajectories);
  }

  /**
   * Solves {@code count} teacher trajectories, {@code teacher.maxBatch()} at a time.
   *
   * @param alphasCumprod the teacher's ᾱ_t
   * @param epsilonPrediction the teacher predicts ε (else x₀)
   * @param clipBound x̂₀ is clamped to ±clipBound at every step, as the teacher's DDIM does
   * @param teacherTimesteps the solver's timesteps, descending from N − 1; must contain every anchor
   * @param anchors where states are kept (descending)
   */
  public static TeacherTrajectories solve(ArrayDenoiser teacher, double[] alphasCumprod, boolean epsilonPrediction,
      double clipBound, TrainingWindows windows, int count, int[] teacherTimesteps, int[] anchors, long seed,
      Progress progress) {
    int n = alphasCumprod.length;
    checkDescending("teacher timesteps", teacherTimesteps, n);
    checkDescending("anchors", anchors, n);
    if (teacherTimesteps[0] != n - 1) {
      throw new IllegalArgumentException("the teacher must start from pure noise at t = " + (n - 1));
    }
    for (int a : anchors) {
      if (Arrays.stream(teacherTimesteps).noneMatch(t -> t == a)) {
        throw new IllegalArgumentException("anchor " + a + " is not on the teacher's timesteps "
            + Arrays.toString(teacherTimesteps));
      }
    }
    if (count < 1) {
      throw new IllegalArgumentException("need at least one trajectory, got " + count);
    }
    int batch = teacher.maxBatch();
    int width = teacher.horizon() * teacher.config().inputDim();
    TrainingWindows.Batch rows = windows.newBatch(batch);
    TeacherTrajectories out = new TeacherTrajectories(count, rows.globalCond().length / batch, width, anchors.clone());
    float[] x = new float[batch * width];
    float[] output = new float[batch * width];
    long[] timestepRow = new long[batch];
    SplittableRandom rng = new SplittableRandom(seed);
    for (int first = 0; first < count; first += batch) {
      int b = Math.min(batch, count - first);
      windows.sampleInto(rows, rng);
      System.arraycopy(rows.globalCond(), 0, out.cond, first * out.condWidth, b * out.condWidth);
      for (int i = 0; i < b * width; i++) {
        x[i] = (float) rng.nextGaussian();
      }
      for (int s = 0; s < teacherTimesteps.length; s++) {
        int t = teacherTimesteps[s];
        int k = indexOf(anchors, t);
        if (k >= 0) {
          for (int r = 0; r < b; r++) {
            System.arraycopy(x, r * width, out.states, ((first + r) * anchors.length + k) * width, width);
          }
        }
        Arrays.fill(timestepRow, 0, b, t);
        teacher.forward(x, timestepRow, rows.globalCond(), b, output);
        double a = alphasCumprod[t];
        double aPrev = s + 1 < teacherTimesteps.length ? alphasCumprod[teacherTimesteps[s + 1]] : 1.0;
        ddimStep(x, output, b * width, a, aPrev, epsilonPrediction, clipBound);
      }
      System.arraycopy(x, 0, out.ends, first * width, b * width);
      if (progress != null) {
        progress.done(first + b);
      }
    }
    return out;
  }

  /** One η = 0 DDIM step in place (x̂₀ clipped; ε̂ from the network or from the unclipped x̂₀). */
  static void ddimStep(float[] x, float[] output, int n, double a, double aPrev, boolean epsilonPrediction,
      double clipBound) {
    double sqrtA = Math.sqrt(a);
    double sqrtOneMinusA = Math.sqrt(1 - a);
    double sqrtAPrev = Math.sqrt(aPrev);
    double dir = Math.sqrt(Math.max(1 - aPrev, 0));
    for (int i = 0; i < n; i++) {
      double x0;
      double eps;
      if (epsilonPrediction) {
        eps = output[i];
        x0 = (x[i] - sqrtOneMinusA * eps) / sqrtA;
      } else {
        x0 = output[i];
        eps = (x[i] - sqrtA * x0) / sqrtOneMinusA;
      }
      x0 = Math.max(-clipBound, Math.min(clipBound, x0));
      x[i] = (float) (sqrtAPrev * x0 + dir * eps);
    }
  }

  /** The solver's timesteps: {@code steps} trailing-spaced ones merged with the anchors, descending. */
  public static int[] solverTimesteps(int trainTimesteps, int steps, int[] anchors) {
    TreeSet<Integer> all = new TreeSet<>();
    for (int t : io.diffpilot.policy.sampling.DdimSampler.timesteps(trainTimesteps, steps,
        io.diffpilot.policy.schedule.TimestepSpacing.TRAILING)) {
      all.add(t);
    }
    for (int a : anchors) {
      all.add(a);
    }
    return all.descendingSet().stream().mapToInt(Integer::intValue).toArray();
  }

  /** Every timestep a consistency sampler of 1 … maxSteps steps visits (trailing spacing), descending. */
  public static int[] studentAnchors(int trainTimesteps, int maxSteps) {
    TreeSet<Integer> all = new TreeSet<>();
    for (int s = 1; s <= maxSteps; s++) {
      for (int t : io.diffpilot.policy.sampling.DdimSampler.timesteps(trainTimesteps, s,
          io.diffpilot.policy.schedule.TimestepSpacing.TRAILING)) {
        all.add(t);
      }
    }
    return all.descendingSet().stream().mapToInt(Integer::intValue).toArray();
  }

  private static int indexOf(int[] a, int v) {
    for (int i = 0; i < a.length; i++) {
      if (a[i] == v) {
        return i;
      }
    }
    return -1;
  }

  private static void checkDescending(String what, int[] ts, int n) {
    if (ts.length == 0) {
      throw new IllegalArgumentException(what + ": empty");
    }
    for (int i = 0; i < ts.length; i++) {
      if (ts[i] < 0 || ts[i] >= n || (i > 0 && ts[i] >= ts[i - 1])) {
        throw new IllegalArgumentException(what + " must descend within 0.." + (n - 1) + ": " + Arrays.toString(ts));
      }
    }
  }

  public int count() {
    return count;
  }

  public int[] anchors() {
    return anchors.clone();
  }

  /**
   * Copies trajectory {@code m}'s state at anchor {@code k}, its observation condition and its end
   * point into row {@code row} of the given batch arrays.
   */
  public void copyRow(int m, int k, int row, float[] sample, float[] globalCond, float[] target) {
    System.arraycopy(states, (m * anchors.length + k) * sampleWidth, sample, row * sampleWidth, sampleWidth);
    System.arraycopy(cond, m * condWidth, globalCond, row * condWidth, condWidth);
    System.arraycopy(ends, m * sampleWidth, target, row * sampleWidth, sampleWidth);
  }
}
