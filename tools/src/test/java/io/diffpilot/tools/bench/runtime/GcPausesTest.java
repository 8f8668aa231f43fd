package io.diffpilot.tools.bench.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GcPausesTest {

  @Test
  void concurrentCycleBeansAreNotPauses() {
    assertThat(GcPauses.isConcurrentCycles("ZGC Cycles")).isTrue();
    assertThat(GcPauses.isConcurrentCycles("Shenandoah Cycles")).isTrue();
    assertThat(GcPauses.isConcurrentCycles("ZGC Pauses")).isFalse();
    assertThat(GcPauses.isConcurrentCycles("G1 Young Generation")).isFalse();
  }

  @Test
  void countsTotalsAndKeepsTheLongestPause() {
    try (GcPauses p = new GcPauses()) {
      GcPauses.Figures before = p.figures(); // a real GC may land meanwhile: compare increments
      p.record(3);
      p.record(12);
      p.record(1);
      GcPauses.Figures after = p.figures();
      assertThat(after.count() - before.count()).isGreaterThanOrEqualTo(3);
      assertThat(after.totalMillis() - before.totalMillis()).isGreaterThanOrEqualTo(16);
      assertThat(after.maxMillis()).isGreaterThanOrEqualTo(12);
    }
  }

  @Test
  void aCollectionDuringTheWindowIsSeen() throws Exception {
    try (GcPauses p = new GcPauses()) {
      System.gc(); // a full, stop-the-world collection under G1 (the test JVM's collector)
      for (int i = 0; i < 100 && p.figures().count() == 0; i++) {
        Thread.sleep(20); // notifications arrive on a JMX thread
      }
      assertThat(p.figures().count()).isGreaterThanOrEqualTo(1);
    }
  }
}
