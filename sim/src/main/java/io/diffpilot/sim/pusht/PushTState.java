package io.diffpilot.sim.pusht;

/**
 * Push-T's state observation: agent position, block origin position and block angle, pixels and
 * radians, y down. The angle is whatever the caller holds; {@link #toStateVector()} wraps it to
 * [0, 2π) as the reference's observation does.
 */
public record PushTState(double agentX, double agentY, double blockX, double blockY, double blockAngle) {

  public PushTState {
    if (!Double.isFinite(agentX) || !Double.isFinite(agentY) || !Double.isFinite(blockX)
        || !Double.isFinite(blockY) || !Double.isFinite(blockAngle)) {
      throw new IllegalArgumentException("Push-T state must be finite: " + agentX + ", " + agentY + ", "
          + blockX + ", " + blockY + ", " + blockAngle);
    }
  }

  /** The angle wrapped to [0, 2π). */
  public double wrappedAngle() {
    double twoPi = 2.0 * Math.PI;
    double a = blockAngle % twoPi;
    return a < 0 ? a + twoPi : a;
  }

  /** [agent_x, agent_y, block_x, block_y, block_angle mod 2π]: [5]. */
  public float[] toStateVector() {
    return new float[] {(float) agentX, (float) agentY, (float) blockX, (float) blockY, (float) wrappedAngle()};
  }

  /** Paper's keypoint observation: 9 block keypoints (18) + agent xy (2): [20]. */
  public float[] toKeypointVector() {
    float[] out = new float[2 * TeeShape.keypointCount() + 2];
    TeeShape.keypointsAt(blockX, blockY, blockAngle, out, 0);
    out[out.length - 2] = (float) agentX;
    out[out.length - 1] = (float) agentY;
    return out;
  }
}
