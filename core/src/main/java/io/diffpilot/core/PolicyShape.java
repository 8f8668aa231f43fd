package io.diffpilot.core;

/**
 * The sizes a {@link ChunkPolicy} reads and writes: an observation history {@code [To][obsDim]} in,
 * a chunk {@code [Ta][A]} out.
 *
 * @param obsSteps To, observations per history
 * @param obsDim width of one observation vector
 * @param actionSteps Ta, actions per chunk (the chunk horizon)
 * @param actionDim A, width of one action vector
 */
public record PolicyShape(int obsSteps, int obsDim, int actionSteps, int actionDim) {

  public PolicyShape {
    if (obsSteps < 1 || obsDim < 1 || actionSteps < 1 || actionDim < 1) {
      throw new IllegalArgumentException("policy sizes must be >= 1, got obsSteps " + obsSteps + ", obsDim " + obsDim
          + ", actionSteps " + actionSteps + ", actionDim " + actionDim);
    }
  }
}
