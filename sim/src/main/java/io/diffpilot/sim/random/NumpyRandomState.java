package io.diffpilot.sim.random;

/**
 * numpy's legacy {@code np.random.RandomState(seed)}, draw for draw: the MT19937 stream seeded the
 * way numpy seeds it from one integer, {@code randint} as the legacy masked rejection sampler,
 * {@code randn} as the legacy polar Box-Muller with its cached second value, and
 * {@code random_sample} as the 53-bit double.
 *
 * <p>Push-T's {@code reset(seed)} draws its start from this stream, so reproducing it bit for bit is
 * what makes "seed 100000" the paper's start. Not thread-safe.
 */
public final class NumpyRandomState {
  private static final int N = 624;
  private static final int M = 397;
  private static final int MATRIX_A = 0x9908b0df;
  private static final int UPPER_MASK = 0x80000000;
  private static final int LOWER_MASK = 0x7fffffff;

  private final int[] mt = new int[N];
  private int pos;
  private boolean hasGauss;
  private double gauss;

  /**
   * Seeds as {@code RandomState(seed)} does for an int: {@code init_genrand} (mt19937_seed).
   *
   * @param seed 0 ≤ seed ≤ 2^32 − 1, as numpy requires
   */
  public NumpyRandomState(long seed) {
    if (seed < 0 || seed > 0xFFFFFFFFL) {
      throw new IllegalArgumentException("seed must be between 0 and 2**32 - 1, got " + seed);
    }
    mt[0] = (int) seed;
    for (int i = 1; i < N; i++) {
      int prev = mt[i - 1];
      mt[i] = 1812433253 * (prev ^ (prev >>> 30)) + i;
    }
    pos = N;
  }

  /** The next raw 32-bit output (genrand_int32), as an unsigned value in a long. */
  public long nextUint32() {
    if (pos >= N) {
      regenerate();
    }
    int y = mt[pos++];
    y ^= (y >>> 11);
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= (y >>> 18);
    return y & 0xFFFFFFFFL;
  }

  private void regenerate() {
    int kk;
    for (kk = 0; kk < N - M; kk++) {
      int y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
      mt[kk] = mt[kk + M] ^ (y >>> 1) ^ ((y & 1) != 0 ? MATRIX_A : 0);
    }
    for (; kk < N - 1; kk++) {
      int y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
      mt[kk] = mt[kk + (M - N)] ^ (y >>> 1) ^ ((y & 1) != 0 ? MATRIX_A : 0);
    }
    int y = (mt[N - 1] & UPPER_MASK) | (mt[0] & LOWER_MASK);
    mt[N - 1] = mt[M - 1] ^ (y >>> 1) ^ ((y & 1) != 0 ? MATRIX_A : 0);
    pos = 0;
  }

  /** {@code random_sample()}: a double in [0, 1) from two draws (27 + 26 bits), as legacy_double. */
  public double randomSample() {
    long a = nextUint32() >>> 5;
    long b = nextUint32() >>> 6;
    return (a * 67108864.0 + b) / 9007199254740992.0;
  }

  /**
   * {@code randint(low, high)} with the default int64 dtype: an integer in [low, high). The legacy
   * path draws 32-bit words, masks them to the smallest covering power of two and rejects values
   * above the range (numpy's {@code _rand_int64} with {@code use_masked=True}).
   */
  public long randint(long low, long high) {
    if (high <= low) {
      throw new IllegalArgumentException("randint: low >= high (" + low + ", " + high + ")");
    }
    long rng = high - 1 - low;
    if (rng == 0) {
      return low;
    }
    if (rng > 0xFFFFFFFFL) {
      // Ranges wider than 32 bits draw 64-bit words; Push-T never needs them.
      throw new UnsupportedOperationException("randint ranges wider than 2^32 are not implemented");
    }
    if (rng == 0xFFFFFFFFL) {
      return low + nextUint32();
    }
    long mask = rng;
    mask |= mask >>> 1;
    mask |= mask >>> 2;
    mask |= mask >>> 4;
    mask |= mask >>> 8;
    mask |= mask >>> 16;
    long val;
    do {
      val = nextUint32() & mask;
    } while (val > rng);
    return low + val;
  }

  /**
   * {@code randn()}: a standard normal by the legacy polar method; each accepted pair yields two
   * values, the second cached for the next call (legacy_gauss).
   */
  public double randn() {
    if (hasGauss) {
      hasGauss = false;
      double g = gauss;
      gauss = 0.0;
      return g;
    }
    double x1;
    double x2;
    double r2;
    do {
      x1 = 2.0 * randomSample() - 1.0;
      x2 = 2.0 * randomSample() - 1.0;
      r2 = x1 * x1 + x2 * x2;
    } while (r2 >= 1.0 || r2 == 0.0);
    // Math.log (the JIT's intrinsic) agrees with glibc's correctly rounded log on the fixture
    // where fdlibm's StrictMath.log is one ulp off; sqrt is exact either way.
    double f = Math.sqrt(-2.0 * Math.log(r2) / r2);
    gauss = f * x1;
    hasGauss = true;
    return f * x2;
  }
}
