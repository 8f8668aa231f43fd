package io.diffpilot.sim.pusht;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Replays recorded demonstrations open-loop: each episode starts from its recorded first frame,
 * its recorded actions are applied one by one, and the replayed block pose is compared with the
 * recorded one. How far the two drift apart is the measure of this physics' fidelity to the
 * reference's Chipmunk world.
 */
public final class DemoReplay {
  /** Horizons (control steps) at which errors are reported; the last means "all steps". */
  public static final int[] HORIZONS = {10, 50};

  private final SolverSettings solver;

  public DemoReplay(SolverSettings solver) {
    this.solver = solver;
  }

  /**
   * Errors of one replayed episode.
   *
   * @param index episode
   * @param posErrPx block position error after 10, 50 and all steps, px (NaN when the episode is shorter)
   * @param angleErrRad block angle error after 10, 50 and all steps, rad
   * @param recordedFinalCoverage coverage of the last recorded frame
   * @param replayedFinalCoverage coverage of the replayed state at that frame
   * @param recordedMaxReward the demonstration's own score: max reward over its recorded frames
   */
  public record EpisodeResult(
      int index,
      double[] posErrPx,
      double[] angleErrRad,
      double recordedFinalCoverage,
      double replayedFinalCoverage,
      double recordedMaxReward) {}

  /** Replays one demonstration. */
  public EpisodeResult replay(PushTDemonstrations.Demo demo) {
    PushTPhysics physics = new PushTPhysics(PushTEnv.SUBSTEP_SECONDS, solver);
    PushTState start = demo.state(0);
    physics.setPoses(start.agentX(), start.agentY(), start.blockX(), start.blockY(), start.blockAngle());
    physics.substep(); // as the reference's _set_state
    int last = demo.length() - 1;
    double[] pos = new double[HORIZONS.length + 1];
    double[] ang = new double[HORIZONS.length + 1];
    Arrays.fill(pos, Double.NaN);
    Arrays.fill(ang, Double.NaN);
    for (int t = 0; t < last; t++) {
      physics.control(demo.actions()[t][0], demo.actions()[t][1], PushTEnv.SUBSTEPS);
      int reached = t + 1;
      for (int h = 0; h < HORIZONS.length; h++) {
        if (reached == HORIZONS[h]) {
          pos[h] = positionError(physics, demo.states()[reached]);
          ang[h] = angleError(physics.blockAngle(), demo.states()[reached][4]);
        }
      }
    }
    pos[HORIZONS.length] = positionError(physics, demo.states()[last]);
    ang[HORIZONS.length] = angleError(physics.blockAngle(), demo.states()[last][4]);
    double[] rec = demo.states()[last];
    double recordedCoverage = Coverage.of(rec[2], rec[3], rec[4]);
    double replayedCoverage = Coverage.of(physics.blockX(), physics.blockY(), physics.blockAngle());
    double maxReward = 0;
    for (double[] s : demo.states()) {
      maxReward = Math.max(maxReward, Coverage.reward(Coverage.of(s[2], s[3], s[4])));
    }
    return new EpisodeResult(demo.index(), pos, ang, recordedCoverage, replayedCoverage, maxReward);
  }

  /** Replays all and summarises. */
  public Summary replayAll(List<PushTDemonstrations.Demo> demos) {
    List<EpisodeResult> results = new ArrayList<>();
    for (PushTDemonstrations.Demo d : demos) {
      results.add(replay(d));
    }
    return new Summary(results);
  }

  private static double positionError(PushTPhysics p, double[] recorded) {
    return Math.hypot(p.blockX() - recorded[2], p.blockY() - recorded[3]);
  }

  static double angleError(double a, double b) {
    double d = Math.abs(a - b) % (2 * Math.PI);
    return Math.min(d, 2 * Math.PI - d);
  }

  /** Figures over a set of replayed episodes. */
  public record Summary(List<EpisodeResult> episodes) {

    /** Percentile q in [0, 1] of the position error at horizon index h (0: 10, 1: 50, 2: all), px. */
    public double positionPercentile(int h, double q) {
      return percentile(episodes.stream().mapToDouble(e -> e.posErrPx()[h]).toArray(), q);
    }

    /** Percentile of the angle error at horizon index h, rad. */
    public double anglePercentile(int h, double q) {
      return percentile(episodes.stream().mapToDouble(e -> e.angleErrRad()[h]).toArray(), q);
    }

    /** Median |recorded − replayed| final coverage. */
    public double medianCoverageGap() {
      return percentile(episodes.stream()
          .mapToDouble(e -> Math.abs(e.recordedFinalCoverage() - e.replayedFinalCoverage())).toArray(), 0.5);
    }

    public double meanRecordedFinalCoverage() {
      return episodes.stream().mapToDouble(EpisodeResult::recordedFinalCoverage).average().orElse(Double.NaN);
    }

    public double meanReplayedFinalCoverage() {
      return episodes.stream().mapToDouble(EpisodeResult::replayedFinalCoverage).average().orElse(Double.NaN);
    }

    /** The human baseline: mean over episodes of the max reward reached in the recorded frames. */
    public double demoScore() {
      return episodes.stream().mapToDouble(EpisodeResult::recordedMaxReward).average().orElse(Double.NaN);
    }

    /** A plain-text table of the figures. */
    public String format() {
      StringBuilder sb = new StringBuilder();
      sb.append(String.format(Locale.ROOT, "episodes: %d%n", episodes.size()));
      String[] names = {"10 steps", "50 steps", "all steps"};
      sb.append(String.format(Locale.ROOT, "%-10s %8s %12s %12s %12s %12s%n",
          "horizon", "n", "pos p50 px", "pos p90 px", "ang p50 rad", "ang p90 rad"));

      for (int h = 0; h < names.length; h++) {
        final int hh = h;
        long n = episodes.stream().filter(e -> !Double.isNaN(e.posErrPx()[hh])).count();
        sb.append(String.format(Locale.ROOT, "%-10s %8d %12.6f %12.6f %12.7f %12.7f%n", names[h], n,
            positionPercentile(h, 0.5), positionPercentile(h, 0.9), anglePercentile(h, 0.5), anglePercentile(h, 0.9)));
      }
      sb.append(String.format(Locale.ROOT, "max after all steps: %.4f px, %.5f rad%n",
          positionPercentile(2, 1.0), anglePercentile(2, 1.0)));
      sb.append(String.format(Locale.ROOT, "final coverage: recorded mean %.4f, replayed mean %.4f, median |gap| %.4f%n",
          meanRecordedFinalCoverage(), meanReplayedFinalCoverage(), medianCoverageGap()));
      sb.append(String.format(Locale.ROOT, "demonstrations' own score (mean max reward): %.4f%n", demoScore()));
      return sb.toString();
    }
  }

  /** Linear-interpolated percentile of the finite values (NaN if none). */
  static double percentile(double[] values, double q) {
    double[] v = Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
    if (v.length == 0) {
      return Double.NaN;
    }
    double pos = q * (v.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = (int) Math.ceil(pos);
    return v[lo] + (v[hi] - v[lo]) * (pos - lo);
  }
}
