package io.diffpilot.sim.pusht;

import org.dyn4j.collision.CategoryFilter;
import org.dyn4j.dynamics.Body;
import org.dyn4j.dynamics.BodyFixture;
import org.dyn4j.dynamics.ContinuousDetectionMode;
import org.dyn4j.dynamics.Settings;
import org.dyn4j.geometry.Convex;
import org.dyn4j.geometry.Geometry;
import org.dyn4j.geometry.Mass;
import org.dyn4j.geometry.MassType;
import org.dyn4j.geometry.Transform;
import org.dyn4j.geometry.Vector2;
import org.dyn4j.world.World;

/**
 * The Push-T world in dyn4j, stepped the way pymunk/Chipmunk steps the reference: a kinematic
 * round agent driven by a PD controller, a quasi-static T block, four walls the agent ignores.
 * Units are the reference's pixels (y down) and seconds; dyn4j's metre-sized defaults are
 * replaced where they would bite at this scale.
 *
 * <p>Chipmunk's substep is: integrate positions with last substep's velocities, detect contacts,
 * clear the block's velocity (space damping 0), solve. dyn4j's is: solve with the contacts found
 * at the end of the previous step, integrate, detect. To line the two up this class (1) moves the
 * agent to its new position itself and forces a fresh detection before each dyn4j step, so the
 * solve sees the same geometry Chipmunk's does, and (2) reports the block pose from before the
 * last dyn4j step, because Chipmunk applies the velocity solved in a substep only at the start of
 * the next one. Not thread-safe: one world per thread.
 */
public final class PushTPhysics {
  /** PD gains of the agent controller (reference: k_p = 100, k_v = 20). */
  public static final double KP = 100.0;

  public static final double KV = 20.0;

  /** Agent radius, px. */
  public static final double AGENT_RADIUS = 15.0;

  /** Wall segment radius, px. */
  public static final double WALL_RADIUS = 2.0;

  private static final long CAT_AGENT = 1;
  private static final long CAT_BLOCK = 2;
  private static final long CAT_WALL = 4;

  private final double dtSeconds;
  private final World<Body> world = new World<>();
  private final Body agent = new Body();
  private final Body block = new Body();

  // The agent's state lives here, in the reference's own arithmetic; dyn4j only borrows it.
  private double agentX;
  private double agentY;
  private double agentVx;
  private double agentVy;

  // Block pose as Chipmunk would report it (see the class comment).
  private final Transform reportedBlock = new Transform();

  /**
   * @param dtSeconds physics substep (0.01 s)
   * @param solver dyn4j solver settings standing in for Chipmunk's
   */
  public PushTPhysics(double dtSeconds, SolverSettings solver) {
    if (!(dtSeconds > 0)) {
      throw new IllegalArgumentException("dtSeconds must be > 0, got " + dtSeconds);
    }
    this.dtSeconds = dtSeconds;
    configure(world.getSettings(), solver);
    if (solver.chipmunkSolver()) {
      world.setContactConstraintSolver(new ChipmunkContactSolver(solver.baumgarte(), solver.slopPx()));
    }
    world.setGravity(0.0, 0.0); // reference: space.gravity = 0, 0

    // Agent: kinematic circle. Infinite mass so contacts never push it back; it only collides
    // with the block (the reference's kinematic body never meets static walls: the data has it
    // at x = 13.5, inside the left wall).
    BodyFixture agentFixture = agent.addFixture(Geometry.createCircle(AGENT_RADIUS));
    agentFixture.setFriction(0.0);
    agentFixture.setRestitution(0.0);
    agentFixture.setFilter(new CategoryFilter(CAT_AGENT, CAT_BLOCK));
    agent.setMass(MassType.INFINITE);
    agent.setAtRestDetectionEnabled(false);
    world.addBody(agent);

    // Block: two convex polygons on one body with the reference's mass, moment and centre of
    // gravity set by hand (dyn4j would otherwise compute them from the fixtures' areas).
    addBlockFixture(TeeShape.CROSSBAR);
    addBlockFixture(TeeShape.STEM);
    block.setMass(new Mass(new Vector2(TeeShape.COG_X, TeeShape.COG_Y), TeeShape.MASS, TeeShape.MOMENT));
    block.setMassType(MassType.NORMAL);
    // Zero damping here; the reference's "damping 0" (velocity × 0^dt = 0) is done in substep().
    block.setLinearDamping(0.0);
    block.setAngularDamping(0.0);
    block.setAtRestDetectionEnabled(false);
    world.addBody(block);

    addWall(5, 506, 5, 5);
    addWall(5, 5, 506, 5);
    addWall(506, 5, 506, 506);
    addWall(5, 506, 506, 506);
  }

  private static void configure(Settings s, SolverSettings solver) {
    s.setVelocityConstraintSolverIterations(solver.velocityIterations());
    s.setPositionConstraintSolverIterations(solver.positionIterations());
    s.setLinearTolerance(solver.slopPx());
    s.setBaumgarte(solver.baumgarte());
    s.setWarmStartingEnabled(solver.warmStart());
    s.setMaximumWarmStartDistance(solver.warmStartDistancePx());
    // Chipmunk has no continuous collision detection, no sleeping, no speed caps and no cap on
    // the penetration corrected per step; dyn4j's defaults (in metres) would clip pixel motion.
    s.setContinuousDetectionMode(ContinuousDetectionMode.NONE);
    s.setAtRestDetectionEnabled(false);
    s.setMaximumTranslation(1e6);
    s.setMaximumRotation(1e3);
    s.setMaximumLinearCorrection(1e6);
    s.setMaximumAngularCorrection(1e3);
  }

  private void addBlockFixture(double[][] vertices) {
    Vector2[] v = new Vector2[vertices.length];
    for (int i = 0; i < vertices.length; i++) {
      v[i] = new Vector2(vertices[i][0], vertices[i][1]);
    }
    BodyFixture f = block.addFixture(Geometry.createPolygon(v));
    // Reference sets body.friction, which Chipmunk ignores: shapes keep friction 0. Elasticity 0.
    f.setFriction(0.0);
    f.setRestitution(0.0);
    f.setFilter(new CategoryFilter(CAT_BLOCK, CAT_AGENT | CAT_WALL));
  }

  private void addWall(double x1, double y1, double x2, double y2) {
    // A Chipmunk segment of radius r is a capsule: length + 2r long, 2r thick.
    double length = Math.hypot(x2 - x1, y2 - y1);
    Convex capsule = Geometry.createCapsule(length + 2 * WALL_RADIUS, 2 * WALL_RADIUS);
    Body wall = new Body();
    BodyFixture f = wall.addFixture(capsule);
    f.setFriction(0.0);
    f.setRestitution(0.0);
    f.setFilter(new CategoryFilter(CAT_WALL, CAT_BLOCK));
    wall.setMass(MassType.INFINITE);
    wall.rotate(Math.atan2(y2 - y1, x2 - x1));
    wall.translate((x1 + x2) / 2, (y1 + y2) / 2);
    world.addBody(wall);
  }

  /**
   * Places the bodies at rest (no velocity, nothing pending): agent at (ax, ay), block origin at
   * (bx, by) with angle {@code angle}.
   */
  public void setPoses(double ax, double ay, double bx, double by, double angle) {
    agentX = ax;
    agentY = ay;
    agentVx = 0;
    agentVy = 0;
    Transform t = new Transform();
    t.setRotation(angle);
    t.setTranslation(bx, by);
    block.setTransform(t);
    block.setLinearVelocity(0, 0);
    block.setAngularVelocity(0);
    reportedBlock.set(t);
    syncAgent();
    world.setUpdateRequired(true);
  }

  /**
   * One control step: {@code substeps} physics substeps with the PD controller pulling the agent
   * towards (targetX, targetY).
   */
  public void control(double targetX, double targetY, int substeps) {
    for (int i = 0; i < substeps; i++) {
      // Reference, in this order: acceleration = k_p (target − p) + k_v (0 − v); v += a·dt.
      double axAcc = KP * (targetX - agentX) + KV * (0.0 - agentVx);
      double ayAcc = KP * (targetY - agentY) + KV * (0.0 - agentVy);
      agentVx = agentVx + axAcc * dtSeconds;
      agentVy = agentVy + ayAcc * dtSeconds;
      substep();
    }
  }

  /** One physics substep with no control (the reference's reset ends with one). */
  public void substep() {
    // Chipmunk's position integration of the kinematic agent: p += v·dt.
    agentX = agentX + agentVx * dtSeconds;
    agentY = agentY + agentVy * dtSeconds;
    syncAgent();
    // The block's pose here is what Chipmunk reports after this substep: the velocity about to be
    // solved is applied to its position only in the next substep.
    reportedBlock.set(block.getTransform());
    // Space damping 0: Chipmunk multiplies the block's velocity by 0^dt = 0 before solving, so it
    // moves only while something pushes it.
    block.setLinearVelocity(0, 0);
    block.setAngularVelocity(0);
    // Detect at the new agent position (dyn4j would reuse contacts found before the agent moved).
    world.setUpdateRequired(true);
    world.step(1, dtSeconds);
  }

  private void syncAgent() {
    Transform t = agent.getTransform();
    t.setTranslation(agentX, agentY);
    agent.setLinearVelocity(agentVx, agentVy);
    agent.setAngularVelocity(0);
  }

  public double agentX() {
    return agentX;
  }

  public double agentY() {
    return agentY;
  }

  public double agentVx() {
    return agentVx;
  }

  public double agentVy() {
    return agentVy;
  }

  /** Block origin x as the reference reports it. */
  public double blockX() {
    return reportedBlock.getTranslationX();
  }

  public double blockY() {
    return reportedBlock.getTranslationY();
  }

  /** Block angle in (−π, π]. */
  public double blockAngle() {
    return reportedBlock.getRotationAngle();
  }
}
