package io.diffpilot.tools.bench.runtime;

/**
 * Decides when a benchmark's warm-up is over: after at least {@code minCycles}, once the JIT has
 * been quiet for {@code quietBlocks} blocks of {@code blockCycles} cycles in a row (at most
 * {@code quietMillis} of compiling in each), and in any case at {@code maxCycles}. C2 compiles in
 * waves, so one quiet block can be a lull; a loud block starts the count again. Not thread-safe.
 */
final class JitWarmup {
  private final int minCycles;
  private final int maxCycles;
  private final int blockCycles;
  private final long quietMillis;
  private final int quietBlocks;
  private long jitAtBlock;
  private int quietInRow;

  /**
   * @param jitMillisNow the JIT's total compile time now (ms), the start of the first block
   */
  JitWarmup(int minCycles, int maxCycles, int blockCycles, long quietMillis, int quietBlocks, long jitMillisNow) {
    if (minCycles < 0 || maxCycles < minCycles || blockCycles < 1 || quietMillis < 0 || quietBlocks < 1) {
      throw new IllegalArgumentException("warm-up settings out of range");
    }
    this.minCycles = minCycles;
    this.maxCycles = maxCycles;
    this.blockCycles = blockCycles;
    this.quietMillis = quietMillis;
    this.quietBlocks = quietBlocks;
    this.jitAtBlock = jitMillisNow;
  }

  /**
   * Called before each cycle with the cycles run so far and the JIT's total compile time now;
   * true when warm-up is over (measure from this cycle on).
   */
  boolean over(int cyclesDone, long jitMillisNow) {
    if (cyclesDone < minCycles) {
      return false;
    }
    if (cyclesDone >= maxCycles) {
      return true;
    }
    if ((cyclesDone - minCycles) % blockCycles != 0) {
      return false;
    }
    // The block ending at minCycles began at start-up: it never counts as quiet.
    boolean quiet = cyclesDone > minCycles && jitMillisNow - jitAtBlock <= quietMillis;
    quietInRow = quiet ? quietInRow + 1 : 0;
    jitAtBlock = jitMillisNow;
    return quietInRow >= quietBlocks;
  }
}
