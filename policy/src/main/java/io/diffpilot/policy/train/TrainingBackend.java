package io.diffpilot.policy.train;

import java.util.Set;

/**
 * The training backends: {@code djl} (PyTorch through DJL, op by op with autograd) and
 * {@code java} (the hand-written backward pass on io.diffpilot.policy.fast's kernels).
 * {@code auto} picks java when the network is diffusion_policy's U-Net and the JVM has the
 * Vector API (without it the plain-Java kernels are slower than DJL).
 */
public final class TrainingBackend {

  public static final String AUTO = "auto";
  public static final String JAVA = "java";
  public static final String DJL = "djl";
  static final Set<String> NAMES = Set.of(AUTO, JAVA, DJL);

  private TrainingBackend() {}

  /** The backend {@code requested} means for a network that is ({@code isUnet}) or is not the U-Net. */
  public static String resolve(String requested, boolean isUnet) {
    if (JAVA.equals(requested) && !isUnet) {
      throw new IllegalArgumentException("train.backend java trains only diffusion_policy's U-Net; use djl");
    }
    if (AUTO.equals(requested)) {
      return isUnet && ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent() ? JAVA : DJL;
    }
    return requested;
  }
}
