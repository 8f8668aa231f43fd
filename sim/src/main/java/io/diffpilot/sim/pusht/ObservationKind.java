package io.diffpilot.sim.pusht;

import java.util.Locale;

/** The observation vectors Push-T offers a low-dimensional policy. */
public enum ObservationKind {
  /** [agent_x, agent_y, block_x, block_y, block_angle mod 2π]: 5 values. */
  STATE(5),
  /** 9 block keypoints (18) + agent xy (2): the paper's low-dim observation, 20 values. */
  KEYPOINTS(20);

  private final int dim;

  ObservationKind(int dim) {
    this.dim = dim;
  }

  /** Width of the vector. */
  public int dim() {
    return dim;
  }

  /** Parses "state" or "keypoints" (case-insensitive). */
  public static ObservationKind parse(String text) {
    return switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "state" -> STATE;
      case "keypoints", "keypoint" -> KEYPOINTS;
      default -> throw new IllegalArgumentException("unknown Push-T observation '" + text + "' (state, keypoints)");
    };
  }

  /** The vector of this kind for a state. */
  public float[] of(PushTState s) {
    return this == STATE ? s.toStateVector() : s.toKeypointVector();
  }
}
