package io.diffpilot.sim.pusht;

import io.diffpilot.sim.random.NumpyRandomState;

/**
 * The Diffusion Policy paper's Push-T: a round agent, steered by a target position through a PD
 * controller, pushes a T-shaped block onto a fixed goal pose (../shared/specs/pusht.md).
 *
 * <p>10 Hz control, 10 physics substeps of 0.01 s per action, episodes cut at
 * {@link #maxSteps()} (300) steps or on success. Reward = clip(coverage / 0.95, 0, 1). Not
 * thread-safe: one environment per thread.
 */
public final class PushTEnv {
  /** Control rate and substeps: the reference's sim_hz = 100, control_hz = 10. */
  public static final int CONTROL_HZ = 10;

  public static final int SUBSTEPS = 10;
  public static final double SUBSTEP_SECONDS = 1.0 / (CONTROL_HZ * SUBSTEPS);

  /** The paper's episode limit. */
  public static final int DEFAULT_MAX_STEPS = 300;

  /** Window side, px. */
  public static final double WINDOW = 512.0;

  private final PushTPhysics physics;
  private final ObservationKind observationKind;
  private final int maxSteps;
  private int steps;
  private boolean done;
  private boolean started;

  /** The paper's set-up: keypoint observation, 300 steps, tuned solver. */
  public PushTEnv() {
    this(ObservationKind.KEYPOINTS, DEFAULT_MAX_STEPS, SolverSettings.tuned());
  }

  public PushTEnv(ObservationKind observationKind, int maxSteps, SolverSettings solver) {
    if (maxSteps < 1) {
      throw new IllegalArgumentException("maxSteps must be >= 1, got " + maxSteps);
    }
    this.observationKind = java.util.Objects.requireNonNull(observationKind, "observationKind");
    this.maxSteps = maxSteps;
    this.physics = new PushTPhysics(SUBSTEP_SECONDS, solver);
  }

  /**
   * The reference's random start for {@code seed}: numpy RandomState(seed) draws agent
   * (randint(50, 450) × 2), block (randint(100, 400) × 2) and angle randn()·2π − π.
   */
  public static PushTState initialState(long seed) {
    NumpyRandomState rs = new NumpyRandomState(seed);
    double ax = rs.randint(50, 450);
    double ay = rs.randint(50, 450);
    double bx = rs.randint(100, 400);
    double by = rs.randint(100, 400);
    double angle = rs.randn() * 2 * Math.PI - Math.PI;
    return new PushTState(ax, ay, bx, by, angle);
  }

  /**
   * Resets to the start of {@code seed} in the reference's "legacy" order: the block is placed at
   * the drawn position with angle 0, then turned about its centre of gravity (0, 45), so its
   * origin ends at (x + 45 sin θ, y + 45 − 45 cos θ); then one substep runs with no control.
   *
   * @return the first observation's state
   */
  public PushTState reset(long seed) {
    PushTState drawn = initialState(seed);
    double a = drawn.blockAngle();
    double ox = drawn.blockX() + TeeShape.COG_Y * Math.sin(a);
    double oy = drawn.blockY() + TeeShape.COG_Y - TeeShape.COG_Y * Math.cos(a);
    return resetTo(new PushTState(drawn.agentX(), drawn.agentY(), ox, oy, a));
  }

  /**
   * Resets to an exact state (block origin and angle as given, everything at rest), then runs the
   * one uncontrolled substep the reference's {@code _set_state} runs.
   */
  public PushTState resetTo(PushTState s) {
    physics.setPoses(s.agentX(), s.agentY(), s.blockX(), s.blockY(), s.blockAngle());
    physics.substep();
    steps = 0;
    done = false;
    started = true;
    return state();
  }

  /**
   * Applies one action, the agent's target position, for 10 substeps.
   *
   * @param action [2] target (x, y) in px, finite
   */
  public StepResult step(float[] action) {
    if (action == null || action.length != 2) {
      throw new IllegalArgumentException("Push-T action must be [2] (target x, y), got "
          + (action == null ? "null" : "[" + action.length + "]"));
    }
    return step(action[0], action[1]);
  }

  /** Applies the target (x, y) for one control step. */
  public StepResult step(double targetX, double targetY) {
    if (!started) {
      throw new IllegalStateException("call reset(seed) before step()");
    }
    if (!Double.isFinite(targetX) || !Double.isFinite(targetY)) {
      throw new IllegalArgumentException("Push-T action is not finite: (" + targetX + ", " + targetY + ")");
    }
    if (done) {
      throw new IllegalStateException("episode is done after " + steps + " steps; reset first");
    }
    // No clamping: the reference applies whatever target it is given (its Box(0, 512) action
    // space is not enforced by gym), and a policy's out-of-range target is part of its score.
    physics.control(targetX, targetY, SUBSTEPS);
    steps++;
    PushTState s = state();
    double coverage = Coverage.of(s.blockX(), s.blockY(), s.blockAngle());
    boolean success = Coverage.success(coverage);
    done = success || steps >= maxSteps;
    return new StepResult(s, observationKind.of(s), Coverage.reward(coverage), coverage, success, done, steps);
  }

  /** The current state (block pose as the reference reports it). */
  public PushTState state() {
    return new PushTState(physics.agentX(), physics.agentY(), physics.blockX(), physics.blockY(), physics.blockAngle());
  }

  /** The current observation vector of the configured kind. */
  public float[] observation() {
    return observationKind.of(state());
  }

  /** Coverage of the goal at the current state. */
  public double coverage() {
    PushTState s = state();
    return Coverage.of(s.blockX(), s.blockY(), s.blockAngle());
  }

  public ObservationKind observationKind() {
    return observationKind;
  }

  public int maxSteps() {
    return maxSteps;
  }

  /** Control steps since the last reset. */
  public int steps() {
    return steps;
  }

  public boolean isDone() {
    return done;
  }
}
