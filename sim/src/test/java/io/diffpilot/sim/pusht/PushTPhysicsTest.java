package io.diffpilot.sim.pusht;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Step-then-assert checks of the Chipmunk-style contact handling. */
class PushTPhysicsTest {
  private static final double DT = PushTEnv.SUBSTEP_SECONDS;

  /** World x of the block's local point (lx, ly). */
  private static double worldX(PushTPhysics p, double lx, double ly) {
    return TeeShape.worldX(lx, ly, p.blockX(), p.blockAngle());
  }

  @Test
  void restingOverlapIsCorrectedByTheBaumgarteFractionPerSubstep() {
    PushTPhysics p = new PushTPhysics(DT, SolverSettings.tuned());
    // Upright block, crossbar's left edge at x = 240; a still agent overlapping it by 3 px at y = 15.
    p.setPoses(228, 315, 300, 300, 0);
    double edgeBefore = worldX(p, -60, 15);
    p.substep(); // solves the overlap; Chipmunk moves the block at the next position update
    assertThat(worldX(p, -60, 15)).isEqualTo(edgeBefore);
    p.substep();
    double beta = 1 - Math.pow(0.9, 60 * DT);
    // The contact point's normal velocity is exactly the bias: β·(depth − slop)/dt.
    assertThat(worldX(p, -60, 15) - edgeBefore).isCloseTo(beta * (3 - 0.1), within(2e-3));
    assertThat(p.blockAngle()).as("off-centre push turns the block").isNotEqualTo(0.0);
  }

  @Test
  void overlapWithinTheSlopIsLeftAlone() {
    PushTPhysics p = new PushTPhysics(DT, SolverSettings.tuned());
    p.setPoses(225.05, 315, 300, 300, 0); // 0.05 px deep, slop 0.1
    p.substep();
    p.substep();
    assertThat(p.blockX()).isEqualTo(300.0);
    assertThat(p.blockY()).isEqualTo(300.0);
  }

  @Test
  void pushedBlockStaysAtTheAgentsSurface() {
    PushTPhysics p = new PushTPhysics(DT, SolverSettings.tuned());
    p.setPoses(225, 315, 300, 300, 0);
    var factory = new org.locationtech.jts.geom.GeometryFactory();
    for (int i = 0; i < 30; i++) {
      p.control(400, 315, 1);
      var block = TeeShape.polygonAt(factory, p.blockX(), p.blockY(), p.blockAngle());
      var centre = factory.createPoint(new org.locationtech.jts.geom.Coordinate(p.agentX(), p.agentY()));
      double depth = PushTPhysics.AGENT_RADIUS - block.getExteriorRing().distance(centre);
      // The reported pose lags the agent by one substep (Chipmunk applies the solved velocity at
      // the next position update), so the overlap is at most one substep of agent motion + slop.
      assertThat(depth).as("overlap at substep %d", i).isLessThan(Math.abs(p.agentVx()) * DT + 0.2);
    }
    assertThat(p.blockX()).isGreaterThan(300.0);
  }
}
