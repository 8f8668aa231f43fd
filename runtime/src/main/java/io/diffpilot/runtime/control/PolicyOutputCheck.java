package io.diffpilot.runtime.control;

/** What a policy's chunk must look like before it may reach a robot: actions of the right width, all finite. */
final class PolicyOutputCheck {
  private PolicyOutputCheck() {}

  /** @return why {@code out} is unusable, or null if it is fine */
  static String problem(float[][] out, int actionDim) {
    if (out == null || out.length == 0) {
      return "policy returned no actions";
    }
    for (int i = 0; i < out.length; i++) {
      if (out[i] == null || out[i].length != actionDim) {
        return "policy action " + i + " has width " + (out[i] == null ? "null" : out[i].length) + ", expected "
            + actionDim;
      }
      for (float v : out[i]) {
        if (!Float.isFinite(v)) {
          return "policy action " + i + " is not finite";
        }
      }
    }
    return null;
  }
}
