package io.diffpilot.policy.fast;

/** Child-JVM entry of {@link TrainableUnet1dDjlTest#defaultNetGradientsMatchDjlAutograd}. */
public final class DefaultNetGradientProbe {

  private DefaultNetGradientProbe() {}

  public static void main(String[] args) {
    try {
      TrainableUnet1dDjlTest.check("default", 4, 2, 2, "vector");
      System.out.println("default net gradients match");
      System.exit(0);
    } catch (AssertionError e) {
      System.out.println(e.getMessage());
      System.exit(1);
    }
  }
}
