package io.diffpilot.sim.eval;

/** The Wilson score interval of a binomial proportion (better than ±1.96·SE at small n or p near 0, 1). */
public record WilsonInterval(double low, double high) {

  /** 95 % interval for {@code successes} out of {@code n}. */
  public static WilsonInterval of95(int successes, int n) {
    if (n <= 0 || successes < 0 || successes > n) {
      throw new IllegalArgumentException("need 0 <= successes <= n and n > 0, got " + successes + " of " + n);
    }
    double z = 1.959963984540054;
    double p = (double) successes / n;
    double z2n = z * z / n;
    double centre = (p + z2n / 2) / (1 + z2n);
    double half = z / (1 + z2n) * Math.sqrt(p * (1 - p) / n + z * z / (4.0 * n * n));
    return new WilsonInterval(Math.max(0, centre - half), Math.min(1, centre + half));
  }
}
