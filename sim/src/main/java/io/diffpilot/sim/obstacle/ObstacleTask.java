package io.diffpilot.sim.obstacle;

import io.diffpilot.core.ChunkPolicy;
import io.diffpilot.core.Episode;
import io.diffpilot.core.EpisodeDataset;
import io.diffpilot.core.Sampling;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A tiny task for fast end-to-end tests of multimodality: a point agent in the unit square starts
 * near the bottom and must reach a goal at the top; a disc obstacle sits between them. Going
 * round on the left and on the right are equally good, and the scripted demonstrations take each
 * half the time, so a policy that averages modes (a unimodal regressor) drives into the obstacle
 * while a diffusion policy picks a side.
 *
 * <p>Coordinates: x right, y up, in [0, 1]. Observation "state" = agent (x, y) [2]; action = the
 * next target position [2]; each step the agent moves towards the target by at most
 * {@link #MAX_STEP}. 10 Hz. Stateless and thread-safe.
 */
public final class ObstacleTask {
  public static final double START_X = 0.5;
  public static final double START_Y = 0.1;
  public static final double GOAL_X = 0.5;
  public static final double GOAL_Y = 0.9;
  public static final double GOAL_RADIUS = 0.05;
  public static final double OBSTACLE_X = 0.5;
  public static final double OBSTACLE_Y = 0.5;
  public static final double OBSTACLE_RADIUS = 0.15;
  /** The agent is a disc of this radius; touching the obstacle is a collision. */
  public static final double AGENT_RADIUS = 0.02;
  /** Largest move per step. */
  public static final double MAX_STEP = 0.05;
  /** Lateral offset of the demonstrations' waypoint beside the obstacle. */
  public static final double DETOUR = 0.3;
  public static final double STEP_SECONDS = 0.1;
  public static final int MAX_STEPS = 60;
  public static final String TASK = "obstacle";

  /** How a trajectory went round the obstacle. */
  public enum Outcome {
    /** Passed the obstacle's height on its left (x &lt; 0.5) without touching it. */
    LEFT,
    /** Passed on the right. */
    RIGHT,
    /** Touched the obstacle. */
    COLLISION,
    /** Never got past the obstacle's height. */
    INCOMPLETE
  }

  /**
   * One rollout.
   *
   * @param positions [T + 1][2] agent positions, start first
   * @param outcome side, collision or incomplete
   * @param reachedGoal the agent got within the goal radius
   */
  public record Rollout(double[][] positions, Outcome outcome, boolean reachedGoal) {}

  /** The start for a seed: (0.5, 0.1) jittered by up to ±0.02 in each axis. */
  public static double[] start(long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    return new double[] {START_X + rng.nextDouble(-0.02, 0.02), START_Y + rng.nextDouble(-0.02, 0.02)};
  }

  /** One step of the dynamics: move towards the target by at most {@link #MAX_STEP}. */
  public static double[] move(double[] position, double targetX, double targetY) {
    if (!Double.isFinite(targetX) || !Double.isFinite(targetY)) {
      throw new IllegalArgumentException("obstacle task target is not finite: (" + targetX + ", " + targetY + ")");
    }
    double dx = targetX - position[0];
    double dy = targetY - position[1];
    double d = Math.hypot(dx, dy);
    double scale = d > MAX_STEP ? MAX_STEP / d : 1.0;
    double x = Math.max(0, Math.min(1, position[0] + dx * scale));
    double y = Math.max(0, Math.min(1, position[1] + dy * scale));
    return new double[] {x, y};
  }

  /**
   * {@code count} scripted demonstrations: episode i starts at {@link #start}(seed + i) and goes
   * left when i is even, right when odd (so exactly half each), through a waypoint beside the
   * obstacle (jittered), then to the goal. Actions are the targets given at each step.
   */
  public static EpisodeDataset demonstrations(int count, long seed) {
    if (count < 1) {
      throw new IllegalArgumentException("count must be >= 1, got " + count);
    }
    List<Episode> episodes = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      episodes.add(demonstration(i, seed + i, i % 2 == 0 ? Outcome.LEFT : Outcome.RIGHT));
    }
    return EpisodeDataset.of("obstacle task scripted demonstrations (half left, half right)", episodes);
  }

  /** One scripted demonstration passing on {@code side} (LEFT or RIGHT). */
  public static Episode demonstration(int index, long seed, Outcome side) {
    if (side != Outcome.LEFT && side != Outcome.RIGHT) {
      throw new IllegalArgumentException("a demonstration passes LEFT or RIGHT, not " + side);
    }
    SplittableRandom rng = new SplittableRandom(seed ^ 0x5DEECE66DL);
    double sign = side == Outcome.LEFT ? -1 : 1;
    double[][] waypoints = {
      {OBSTACLE_X + sign * (DETOUR + rng.nextDouble(-0.03, 0.03)), OBSTACLE_Y + rng.nextDouble(-0.03, 0.03)},
      {GOAL_X, GOAL_Y}
    };
    double[] p = start(seed);
    List<float[]> obs = new ArrayList<>();
    List<float[]> actions = new ArrayList<>();
    int w = 0;
    for (int t = 0; t < MAX_STEPS && w < waypoints.length; t++) {
      double[] target = waypoints[w];
      double dx = target[0] - p[0];
      double dy = target[1] - p[1];
      double d = Math.hypot(dx, dy);
      double s = Math.min(1.0, MAX_STEP / Math.max(d, 1e-12));
      float[] action = {(float) (p[0] + dx * s), (float) (p[1] + dy * s)};
      obs.add(new float[] {(float) p[0], (float) p[1]});
      actions.add(action);
      p = move(p, action[0], action[1]);
      if (Math.hypot(target[0] - p[0], target[1] - p[1]) < 1e-3
          || (w == waypoints.length - 1 && Math.hypot(GOAL_X - p[0], GOAL_Y - p[1]) < GOAL_RADIUS / 2)) {
        w++;
      }
    }
    int n = actions.size();
    double[] times = new double[n];
    for (int t = 0; t < n; t++) {
      times[t] = t * STEP_SECONDS;
    }
    return new Episode(index, TASK, times, Map.of("state", obs.toArray(new float[0][])),
        actions.toArray(new float[0][]), Map.of("side", side.name().toLowerCase(), "seed", Long.toString(seed)));
  }

  /** Classifies a trajectory of positions [T][2]. */
  public static Outcome classify(double[][] positions) {
    double clearance = OBSTACLE_RADIUS + AGENT_RADIUS;
    for (int t = 0; t < positions.length; t++) {
      if (Math.hypot(positions[t][0] - OBSTACLE_X, positions[t][1] - OBSTACLE_Y) < clearance) {
        return Outcome.COLLISION;
      }
      // The straight segments between positions can cut the disc too.
      if (t > 0 && segmentDistance(positions[t - 1], positions[t]) < clearance) {
        return Outcome.COLLISION;
      }
    }
    for (double[] p : positions) {
      if (p[1] >= OBSTACLE_Y) {
        return p[0] < OBSTACLE_X ? Outcome.LEFT : Outcome.RIGHT;
      }
    }
    return Outcome.INCOMPLETE;
  }

  private static double segmentDistance(double[] a, double[] b) {
    double dx = b[0] - a[0];
    double dy = b[1] - a[1];
    double len2 = dx * dx + dy * dy;
    double t = len2 == 0 ? 0 : ((OBSTACLE_X - a[0]) * dx + (OBSTACLE_Y - a[1]) * dy) / len2;
    t = Math.max(0, Math.min(1, t));
    return Math.hypot(a[0] + t * dx - OBSTACLE_X, a[1] + t * dy - OBSTACLE_Y);
  }

  /**
   * Rolls a policy out from {@link #start}(seed) with receding horizon (observe To positions,
   * execute the chunk's actions, re-plan) until it reaches the goal, collides or runs out of
   * steps. The chunk noise seed is derived from {@code sampling.seed()}, the episode seed and
   * the step.
   */
  public static Rollout rollout(ChunkPolicy policy, long seed, Sampling sampling) {
    if (policy.obsDim() != 2 || policy.actionDim() != 2) {
      throw new IllegalArgumentException("obstacle task policies read [2] and act [2]; this one reads "
          + policy.obsDim() + " and acts " + policy.actionDim());
    }
    double[] p = start(seed);
    List<double[]> positions = new ArrayList<>();
    positions.add(p);
    float[][] history = new float[policy.obsSteps()][];
    Arrays.fill(history, new float[] {(float) p[0], (float) p[1]});
    int steps = 0;
    while (steps < MAX_STEPS) {
      long chunkSeed = sampling.seed() * 0x9E3779B97F4A7C15L + seed * 1_000_003L + steps;
      float[][] chunk = policy.predictChunk(copy(history), sampling.withSeed(chunkSeed));
      int ta = Math.min(chunk.length, Math.max(1, policy.actionSteps()));
      for (int k = 0; k < ta; k++) {
        float[] a = chunk[k];
        if (a == null || a.length != 2) {
          throw new IllegalStateException("policy returned an action that is not [2] (seed " + seed + ", step " + steps + ")");
        }
        p = move(p, a[0], a[1]);
        positions.add(p);
        steps++;
        System.arraycopy(history, 1, history, 0, history.length - 1);
        history[history.length - 1] = new float[] {(float) p[0], (float) p[1]};
        if (atGoal(p) || steps >= MAX_STEPS) {
          break;
        }
      }
      double[][] soFar = positions.toArray(new double[0][]);
      if (atGoal(p) || classify(soFar) == Outcome.COLLISION) {
        break;
      }
    }
    double[][] all = positions.toArray(new double[0][]);
    return new Rollout(all, classify(all), atGoal(p));
  }

  private static boolean atGoal(double[] p) {
    return Math.hypot(p[0] - GOAL_X, p[1] - GOAL_Y) < GOAL_RADIUS;
  }

  private static float[][] copy(float[][] h) {
    float[][] c = new float[h.length][];
    for (int i = 0; i < h.length; i++) {
      c[i] = h[i].clone();
    }
    return c;
  }

  private ObstacleTask() {}
}
