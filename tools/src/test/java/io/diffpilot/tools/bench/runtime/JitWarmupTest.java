package io.diffpilot.tools.bench.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JitWarmupTest {

  /** Feeds cycles 0, 1, 2, … with the JIT total {@code jitAt[cycle / 100]}; returns where warm-up ended. */
  private static int runUntilOver(JitWarmup w, long[] jitPerBlock) {
    long jit = 0;
    for (int done = 0; ; done++) {
      if (done % 100 == 0 && done > 0) {
        jit += jitPerBlock[Math.min(jitPerBlock.length - 1, done / 100 - 1)];
      }
      if (w.over(done, jit)) {
        return done;
      }
    }
  }

  @Test
  void fixedWarmupEndsAtItsLength() {
    assertThat(runUntilOver(new JitWarmup(300, 300, 100, 20, 3, 0), new long[] {999})).isEqualTo(300);
    assertThat(runUntilOver(new JitWarmup(0, 0, 100, 20, 3, 0), new long[] {999})).isZero();
  }

  @Test
  void endsAfterThreeQuietBlocksInARow() {
    // min 100; blocks (100-cycle) of compile time: loud until cycle 400, then quiet.
    long[] jit = {900, 500, 300, 200, 5, 5, 5, 5};
    // Quiet blocks end at 500, 600, 700: the third in a row ends warm-up there.
    assertThat(runUntilOver(new JitWarmup(100, 10_000, 100, 20, 3, 0), jit)).isEqualTo(700);
  }

  @Test
  void aLoudBlockInBetweenStartsTheCountAgain() {
    long[] jit = {900, 5, 5, 400, 5, 5, 5, 5};
    // quiet at 200, 300; loud at 400; quiet at 500, 600, 700
    assertThat(runUntilOver(new JitWarmup(100, 10_000, 100, 20, 3, 0), jit)).isEqualTo(700);
  }

  @Test
  void aJitThatNeverQuietensIsCappedAtTheMaximum() {
    assertThat(runUntilOver(new JitWarmup(100, 1_000, 100, 20, 3, 0), new long[] {50})).isEqualTo(1_000);
  }

  @Test
  void theBlockEndingAtTheMinimumNeverCountsAsQuiet() {
    // No compiling at all: quiet blocks end at 200, 300, 400 (the one ending at 100 began at start-up).
    assertThat(runUntilOver(new JitWarmup(100, 10_000, 100, 20, 3, 0), new long[] {0})).isEqualTo(400);
  }

  @Test
  void settingsOutOfRangeAreRefused() {
    assertThatThrownBy(() -> new JitWarmup(10, 5, 100, 20, 3, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new JitWarmup(0, 5, 0, 20, 3, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
