package io.diffpilot.runtime.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BatchCostModelTest {
  private static final long MS = 1_000_000;

  /** 2 ms a step of shared work plus 0.5 ms a step per row, like the java kernels' shape. */
  private static long linear(int rows, int steps) {
    return (2 * MS + rows * MS / 2) * steps;
  }

  @Test
  void fitsTheSharedAndPerRowCostFromCallsOfDifferentSizes() {
    BatchCostModel model = new BatchCostModel();
    for (int i = 0; i < 40; i++) {
      int rows = 1 + i % 8;
      model.record(rows, 8, linear(rows, 8));
    }
    assertEquals(linear(32, 8), model.predict(32, 8), 0.02 * linear(32, 8));
    assertEquals(linear(1, 4), model.predict(1, 4), 0.02 * linear(1, 4));
  }

  @Test
  void withOneBatchSizeSeenItOverEstimatesBiggerBatches() {
    BatchCostModel model = new BatchCostModel();
    model.record(1, 8, linear(1, 8));
    assertEquals(linear(1, 8), model.predict(1, 8), 1);
    assertTrue(model.predict(8, 8) >= linear(8, 8), "proportional to the rows: on the safe side");
  }

  @Test
  void largestFittingKeepsTheCallWithinTheSlack() {
    BatchCostModel model = new BatchCostModel();
    assertFalse(model.known());
    assertEquals(1, model.largestFitting(8, 1_000 * MS, 64), "one row until a call has been timed");
    for (int rows = 1; rows <= 8; rows++) {
      model.record(rows, 1, linear(rows, 1));
    }
    // 8 steps: 16 ms + 4 ms a row; 60 ms of slack holds 11 rows.
    assertEquals(11, model.largestFitting(8, 60 * MS, 64));
    assertEquals(5, model.largestFitting(8, 60 * MS, 5), "never above the cap");
    assertEquals(1, model.largestFitting(8, MS, 64), "one row even when nothing fits");
  }

  @Test
  void aBatchGrowsAtMostTwiceTheLargestTimed() {
    BatchCostModel model = new BatchCostModel();
    model.record(1, 1, 30 * MS); // a slow first call (JIT, a busy core) ...
    model.record(4, 1, 40 * MS); // ... makes the fit's slope far too flat
    assertEquals(8, model.largestFitting(1, 1_000 * MS, 64));
  }

  @Test
  void followsTheMachineWhenItSlowsDown() {
    BatchCostModel model = new BatchCostModel();
    for (int i = 0; i < 50; i++) {
      model.record(1 + i % 4, 1, linear(1 + i % 4, 1));
    }
    for (int i = 0; i < 200; i++) {
      model.record(1 + i % 4, 1, 2 * linear(1 + i % 4, 1)); // a second process took half the core
    }
    assertEquals(2 * linear(8, 1), model.predict(8, 1), 0.05 * linear(8, 1));
  }

  @Test
  void ignoresCallsThatCannotBeTimed() {
    BatchCostModel model = new BatchCostModel();
    model.record(0, 8, 5 * MS);
    model.record(1, 0, 5 * MS);
    model.record(1, 8, 0);
    assertFalse(model.known());
  }
}
