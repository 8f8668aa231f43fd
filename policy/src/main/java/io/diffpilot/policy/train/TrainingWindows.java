package io.diffpilot.policy.train;

import io.diffpilot.core.Episode;
import io.diffpilot.core.EpisodeDataset;
import io.diffpilot.policy.model.PolicyLayout;
import io.diffpilot.policy.normalize.LinearNormalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Training windows of Tp steps cut from episodes, as diffusion_policy's {@code SequenceSampler}:
 * windows may start up to To−1 steps before an episode's first step and end up to Ta−1 steps after
 * its last, and the missing steps repeat the edge step. An episode of L steps gives
 * L − Tp + To + Ta − 1 windows (none if that is ≤ 0). Data are normalised once, here.
 */
public final class TrainingWindows {

  private final int obsSteps;
  private final int horizon;
  private final int obsDim;
  private final int actionDim;
  private final List<float[]> obs = new ArrayList<>(); // per episode [L · obsDim], normalised
  private final List<float[]> actions = new ArrayList<>(); // per episode [L · A], normalised
  private final List<int[]> windows = new ArrayList<>(); // {episode, start} with start in [−(To−1), L − Tp + Ta − 1]

  public TrainingWindows(EpisodeDataset data, PolicyLayout layout, LinearNormalizer normalizer) {
    this.obsSteps = layout.obsSteps();
    this.horizon = layout.horizon();
    this.obsDim = layout.obsDim();
    this.actionDim = layout.actionDim();
    int padBefore = layout.obsSteps() - 1;
    int padAfter = layout.actionSteps() - 1;
    for (int e = 0; e < data.size(); e++) {
      Episode ep = data.episode(e);
      float[][] o = ep.observation(layout.obsKey());
      if (o[0].length != obsDim) {
        throw new IllegalArgumentException("episode " + ep.index() + ": observation '" + layout.obsKey() + "' has width "
            + o[0].length + ", the policy expects obsDim " + obsDim);
      }
      if (ep.actionDim() != actionDim) {
        throw new IllegalArgumentException("episode " + ep.index() + ": actions have width " + ep.actionDim()
            + ", the policy expects actionDim " + actionDim);
      }
      float[] flatObs = flatten(o);
      float[] flatAct = flatten(ep.actions());
      normalizer.obs().normalizeInPlace(flatObs);
      normalizer.action().normalizeInPlace(flatAct);
      int index = obs.size();
      obs.add(flatObs);
      actions.add(flatAct);
      int length = ep.length();
      for (int start = -padBefore; start <= length - horizon + padAfter; start++) {
        windows.add(new int[] {index, start});
      }
    }
    if (windows.isEmpty()) {
      throw new IllegalArgumentException("no training windows: every episode is shorter than horizon - obsSteps - actionSteps + 2 = "
          + (horizon - obsSteps - layout.actionSteps() + 2) + " steps");
    }
  }

  private static float[] flatten(float[][] rows) {
    int d = rows[0].length;
    float[] out = new float[rows.length * d];
    for (int t = 0; t < rows.length; t++) {
      System.arraycopy(rows[t], 0, out, t * d, d);
    }
    return out;
  }

  /** Number of windows. */
  public int size() {
    return windows.size();
  }

  /** A batch of {@code batchSize} windows drawn uniformly with {@code rng}. */
  public Batch sample(int batchSize, SplittableRandom rng) {
    Batch b = new Batch(batchSize, obsSteps * obsDim, horizon * actionDim);
    sampleInto(b, rng);
    return b;
  }

  /** Refills {@code b} with {@code b.size()} windows drawn as {@link #sample} draws them (no allocation). */
  public void sampleInto(Batch b, SplittableRandom rng) {
    for (int i = 0; i < b.size(); i++) {
      fill(windows.get(rng.nextInt(windows.size())), b, i);
    }
  }

  /** An empty batch of {@code batchSize} windows for {@link #sampleInto}. */
  public Batch newBatch(int batchSize) {
    return new Batch(batchSize, obsSteps * obsDim, horizon * actionDim);
  }

  /** Window {@code w} as a batch of one (for tests and evaluation). */
  public Batch window(int w) {
    Batch b = new Batch(1, obsSteps * obsDim, horizon * actionDim);
    fill(windows.get(w), b, 0);
    return b;
  }

  private void fill(int[] window, Batch b, int row) {
    float[] o = obs.get(window[0]);
    float[] a = actions.get(window[0]);
    int length = a.length / actionDim;
    for (int k = 0; k < horizon; k++) {
      int t = Math.min(Math.max(window[1] + k, 0), length - 1); // repeat the edge step
      System.arraycopy(a, t * actionDim, b.actions, (row * horizon + k) * actionDim, actionDim);
      if (k < obsSteps) {
        System.arraycopy(o, t * obsDim, b.globalCond, (row * obsSteps + k) * obsDim, obsDim);
      }
    }
  }

  /**
   * Normalised training data of one step.
   *
   * @param globalCond [B, To · obsDim], the first To observations of each window
   * @param actions [B, Tp, A], flattened row-major
   */
  public record Batch(int size, float[] globalCond, float[] actions) {
    Batch(int size, int condWidth, int actionWidth) {
      this(size, new float[size * condWidth], new float[size * actionWidth]);
    }
  }
}
