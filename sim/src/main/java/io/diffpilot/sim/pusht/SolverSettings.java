package io.diffpilot.sim.pusht;

/**
 * How dyn4j's contact solving is set up to stand in for Chipmunk's. Chipmunk solves penetration
 * with a bias velocity (Baumgarte) inside its impulse loop; dyn4j solves it in a separate position
 * pass (Box2D's NGS). With {@code chipmunkSolver} the contacts dyn4j detects are solved by
 * {@link ChipmunkContactSolver} the way Chipmunk does (what {@link #tuned()} uses); without it,
 * dyn4j's own solver runs with one position iteration at the per-substep Baumgarte fraction
 * Chipmunk uses, which moves a single contact by the same β·(penetration − slop).
 *
 * @param velocityIterations velocity solver iterations (Chipmunk: 10)
 * @param positionIterations position solver iterations
 * @param slopPx penetration allowed without correction, px (Chipmunk collision_slop 0.1)
 * @param baumgarte fraction of the remaining penetration corrected per substep, in (0, 1]
 * @param warmStart whether accumulated impulses carry over between substeps (Chipmunk: yes)
 * @param warmStartDistancePx contacts that moved less than this keep their impulse
 * @param chipmunkSolver replace dyn4j's sequential-impulse solver by {@link ChipmunkContactSolver}
 *     (bias velocities inside the velocity iterations, as Chipmunk)
 */
public record SolverSettings(
    int velocityIterations,
    int positionIterations,
    double slopPx,
    double baumgarte,
    boolean warmStart,
    double warmStartDistancePx,
    boolean chipmunkSolver) {

  public SolverSettings {
    if (velocityIterations < 1) {
      throw new IllegalArgumentException("velocityIterations must be >= 1, got " + velocityIterations);
    }
    if (positionIterations < 1) {
      throw new IllegalArgumentException("positionIterations must be >= 1, got " + positionIterations);
    }
    if (!(slopPx >= 0) || Double.isInfinite(slopPx)) {
      throw new IllegalArgumentException("slopPx must be finite and >= 0, got " + slopPx);
    }
    if (!(baumgarte > 0 && baumgarte <= 1)) {
      throw new IllegalArgumentException("baumgarte must be in (0, 1], got " + baumgarte);
    }
    if (!(warmStartDistancePx > 0)) {
      throw new IllegalArgumentException("warmStartDistancePx must be > 0, got " + warmStartDistancePx);
    }
  }

  /**
   * Chipmunk's defaults translated: 10 iterations, slop 0.1 px, bias 1 − 0.9^(60·dt) per substep
   * (collision_bias = 0.9^60 per second), warm starting on, one position pass.
   */
  public static SolverSettings chipmunkDefaults(double dtSeconds) {
    double bias = 1.0 - Math.pow(Math.pow(1.0 - 0.1, 60.0), dtSeconds);
    return new SolverSettings(10, 1, 0.1, bias, true, 1e9, false);
  }

  /**
   * What {@link PushTEnv} uses: Chipmunk's defaults with {@link ChipmunkContactSolver} in place of
   * dyn4j's solver, the best of the settings measured against the human demonstrations' replay
   * (see sim/README.md).
   */
  public static SolverSettings tuned() {
    return chipmunkDefaults(PushTEnv.SUBSTEP_SECONDS).withChipmunkSolver(true);
  }

  public SolverSettings withVelocityIterations(int n) {
    return new SolverSettings(n, positionIterations, slopPx, baumgarte, warmStart, warmStartDistancePx, chipmunkSolver);
  }

  public SolverSettings withPositionIterations(int n) {
    return new SolverSettings(velocityIterations, n, slopPx, baumgarte, warmStart, warmStartDistancePx, chipmunkSolver);
  }

  public SolverSettings withSlop(double px) {
    return new SolverSettings(velocityIterations, positionIterations, px, baumgarte, warmStart, warmStartDistancePx, chipmunkSolver);
  }

  public SolverSettings withBaumgarte(double b) {
    return new SolverSettings(velocityIterations, positionIterations, slopPx, b, warmStart, warmStartDistancePx, chipmunkSolver);
  }

  public SolverSettings withChipmunkSolver(boolean on) {
    return new SolverSettings(velocityIterations, positionIterations, slopPx, baumgarte, warmStart, warmStartDistancePx, on);
  }

  public SolverSettings withWarmStart(boolean on) {
    return new SolverSettings(velocityIterations, positionIterations, slopPx, baumgarte, on, warmStartDistancePx, chipmunkSolver);
  }
}
