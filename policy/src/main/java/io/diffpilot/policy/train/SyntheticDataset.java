package io.diffpilot.policy.train;

import io.diffpilot.core.Episode;
import io.diffpilot.core.EpisodeListDataset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A tiny learnable task for smoke tests and demos: a point moving at constant velocity (speed
 * 0.02–0.05 per step, random heading and start, kept inside [−1, 1]²). The observation is its
 * position (extra dimensions repeat it, scaled); the action at step t is the position at t + 1,
 * as Push-T's actions are target positions. Two observations fix the velocity, so the future
 * actions are a linear function of the To = 2 history: a_{t+i} = p_t + (i + 1)(p_t − p_{t−1}).
 */
public final class SyntheticDataset extends EpisodeListDataset {

  /**
   * @param episodes number of episodes
   * @param length steps per episode
   * @param obsKey observation name
   * @param obsDim observation width, ≥ 2
   * @param seed starts, headings and speeds
   */
  public SyntheticDataset(int episodes, int length, String obsKey, int obsDim, long seed) {
    super("synthetic constant-velocity point", generate(episodes, length, obsKey, obsDim, seed));
  }

  private static List<Episode> generate(int episodes, int length, String obsKey, int obsDim, long seed) {
    if (episodes < 1 || length < 1 || obsDim < 2) {
      throw new IllegalArgumentException("synthetic dataset needs episodes >= 1, length >= 1, obsDim >= 2; got "
          + episodes + ", " + length + ", " + obsDim);
    }
    SplittableRandom rng = new SplittableRandom(seed);
    List<Episode> list = new ArrayList<>();
    for (int e = 0; e < episodes; e++) {
      double heading = rng.nextDouble(2 * Math.PI);
      double speed = 0.02 + rng.nextDouble(0.03);
      double vx = speed * Math.cos(heading);
      double vy = speed * Math.sin(heading);
      // Centre the path on a random point so that every position stays inside [-1, 1]^2.
      double reach = speed * (length + 1) / 2;
      double cx = (1 - reach) * (2 * rng.nextDouble() - 1);
      double cy = (1 - reach) * (2 * rng.nextDouble() - 1);
      double[] ts = new double[length];
      float[][] obs = new float[length][obsDim];
      float[][] act = new float[length][2];
      for (int t = 0; t < length; t++) {
        ts[t] = t * 0.1;
        double k = t - (length + 1) / 2.0;
        double px = cx + k * vx;
        double py = cy + k * vy;
        for (int j = 0; j < obsDim; j++) {
          obs[t][j] = (float) ((j % 2 == 0 ? px : py) * (1 + j / 2));
        }
        act[t][0] = (float) (px + vx);
        act[t][1] = (float) (py + vy);
      }
      list.add(new Episode(e, "synthetic-line", ts, Map.of(obsKey, obs), act, Map.of("seed", Long.toString(seed))));
    }
    return list;
  }

  @Override
  public String describe() {
    return "synthetic constant-velocity point (" + size() + " episodes of " + episode(0).length() + " steps)";
  }
}
