package io.diffpilot.runtime.simrobot;

import io.diffpilot.core.ChunkPolicy;
import io.diffpilot.core.PolicyShape;
import io.diffpilot.core.Sampling;
import io.diffpilot.sim.pusht.Coverage;

/**
 * A scripted stand-in for a trained Push-T policy, NOT a diffusion policy: it walks the agent
 * behind the block (opposite the goal) and pushes the block's reference point towards the goal
 * position, ignoring orientation. It exists so that the quickstart can run the whole pipeline
 * (broker, runtime, simulated robot) before a trained model is available; its scores are a floor,
 * not the method's.
 *
 * <p>Observation: Push-T STATE [agent x, agent y, block x, block y, angle] (obsDim 5), To = 2;
 * actions: Ta = 8 agent targets (px).
 */
public final class PushTHeuristicPolicy implements ChunkPolicy {
  private static final int TA = 8;
  private static final PolicyShape SHAPE = new PolicyShape(2, 5, TA, 2);
  private static final double MAX_MOVE_PX = 22;
  private static final double STANDOFF_PX = 95;
  private static final double COG = 45;

  /** Distance from point p to the segment a–b. */
  private static double segmentDistance(double px, double py, double ax, double ay, double bx, double by) {
    double vx = bx - ax;
    double vy = by - ay;
    double len2 = vx * vx + vy * vy;
    double t = len2 == 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * vx + (py - ay) * vy) / len2));
    return Math.hypot(px - (ax + t * vx), py - (ay + t * vy));
  }

  @Override
  public PolicyShape shape() {
    return SHAPE;
  }

  @Override
  public float[][] predictChunk(float[][] obsHistory, Sampling sampling) {
    float[] o = obsHistory[obsHistory.length - 1];
    double ax = o[0];
    double ay = o[1];
    // Work with the T's centre of gravity, 45 px down its axis from the reported origin.
    double bx = o[2] - COG * Math.sin(o[4]);
    double by = o[3] + COG * Math.cos(o[4]);
    double gx = Coverage.GOAL_X - COG * Math.sin(Coverage.GOAL_ANGLE);
    double gy = Coverage.GOAL_Y + COG * Math.cos(Coverage.GOAL_ANGLE);
    double dx = gx - bx;
    double dy = gy - by;
    double dist = Math.hypot(dx, dy);
    float[][] out = new float[TA][2];
    double ux = dist < 1e-6 ? 0 : dx / dist;
    double uy = dist < 1e-6 ? 0 : dy / dist;
    for (int i = 0; i < TA; i++) {
      double wx;
      double wy;
      double cx = bx - ux * STANDOFF_PX;
      double cy = by - uy * STANDOFF_PX;
      if (dist < 8) {
        wx = ax;
        wy = ay;
      } else if (!(Math.abs((ax - bx) * -uy + (ay - by) * ux) < 20 && (ax - bx) * ux + (ay - by) * uy < -10)) {
        // Walk to the contact point behind the block; detour beside it if the straight way crosses it.
        if (segmentDistance(bx, by, ax, ay, cx, cy) < STANDOFF_PX * 0.9) {
          double side = Math.signum((ax - bx) * -uy + (ay - by) * ux);
          side = side == 0 ? 1 : side;
          wx = bx + side * -uy * STANDOFF_PX * 1.5 - ux * STANDOFF_PX;
          wy = by + side * ux * STANDOFF_PX * 1.5 - uy * STANDOFF_PX;
        } else {
          wx = cx;
          wy = cy;
        }
      } else {
        // Lined up behind the block: push along the block-to-goal direction.
        wx = ax + ux * Math.min(dist, MAX_MOVE_PX);
        wy = ay + uy * Math.min(dist, MAX_MOVE_PX);
      }
      double mx = wx - ax;
      double my = wy - ay;
      double m = Math.hypot(mx, my);
      if (m > MAX_MOVE_PX) {
        mx *= MAX_MOVE_PX / m;
        my *= MAX_MOVE_PX / m;
      }
      ax += mx;
      ay += my;
      out[i][0] = (float) Math.max(0, Math.min(512, ax));
      out[i][1] = (float) Math.max(0, Math.min(512, ay));
    }
    return out;
  }
}
