package io.diffpilot.sim.pusht;

import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;

/**
 * How much of the goal T the block covers: area(goal ∩ block) / area(goal), by JTS polygon
 * intersection, as the reference does with shapely. Thread-safe (immutable).
 */
public final class Coverage {
  /** The goal pose (x, y, angle) of the T. */
  public static final double GOAL_X = 256.0;

  public static final double GOAL_Y = 256.0;
  public static final double GOAL_ANGLE = Math.PI / 4.0;

  /** Coverage above which an episode succeeds (and reward saturates). */
  public static final double SUCCESS_THRESHOLD = 0.95;

  private static final GeometryFactory FACTORY = new GeometryFactory();
  private static final Polygon GOAL = TeeShape.polygonAt(FACTORY, GOAL_X, GOAL_Y, GOAL_ANGLE);
  private static final double GOAL_AREA = GOAL.getArea();

  static {
    // JTS caches a geometry's envelope on first use; fill it here so that threads sharing GOAL
    // only ever read it.
    GOAL.getEnvelopeInternal();
  }

  private Coverage() {}

  /** Coverage of the goal by the block at (x, y, angle), in [0, 1]. */
  public static double of(double blockX, double blockY, double blockAngle) {
    if (!Double.isFinite(blockX) || !Double.isFinite(blockY) || !Double.isFinite(blockAngle)) {
      throw new IllegalArgumentException("block pose must be finite: " + blockX + ", " + blockY + ", " + blockAngle);
    }
    Polygon block = TeeShape.polygonAt(FACTORY, blockX, blockY, blockAngle);
    if (!block.getEnvelopeInternal().intersects(GOAL.getEnvelopeInternal())) {
      return 0.0;
    }
    return GOAL.intersection(block).getArea() / GOAL_AREA;
  }

  /** The paper's reward: clip(coverage / 0.95, 0, 1). */
  public static double reward(double coverage) {
    return Math.max(0.0, Math.min(1.0, coverage / SUCCESS_THRESHOLD));
  }

  /** Success: coverage strictly above 0.95. */
  public static boolean success(double coverage) {
    return coverage > SUCCESS_THRESHOLD;
  }
}
