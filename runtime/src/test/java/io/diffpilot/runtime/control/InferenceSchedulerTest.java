package io.diffpilot.runtime.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class InferenceSchedulerTest {

  @Test
  void firstChunkUsesMaxStepsAsTheMeasurement() {
    assertThat(new InferenceScheduler(80_000_000, 4, 16, 0.8, 10).chooseSteps()).isEqualTo(16);
  }

  @Test
  void theColdFirstCallIsNotMeasured() {
    InferenceScheduler s = new InferenceScheduler(80_000_000, 4, 16, 0.8, 10);
    s.record(16, 2_000_000_000L); // JIT and native start-up
    assertThat(s.perStepEstimateNanos()).isNaN();
    assertThat(s.chooseSteps()).isEqualTo(16);
  }

  @Test
  void picksTheLargestStepCountThatFitsWithMargin() {
    InferenceScheduler s = new InferenceScheduler(100_000_000, 2, 50, 0.8, 10);
    s.record(1, 1); // warm-up, ignored
    s.record(10, 50_000_000); // 5 ms per step
    assertThat(s.chooseSteps()).isEqualTo(16); // floor(80 / 5)
  }

  @Test
  void oneSlowCallLowersTheStepCountAtOnceThroughTheQuantile() {
    InferenceScheduler s = new InferenceScheduler(100_000_000, 2, 50, 0.8, 10);
    s.record(1, 1); // warm-up, ignored
    for (int i = 0; i < 20; i++) {
      s.record(10, 50_000_000);
    }
    s.record(10, 200_000_000); // 20 ms per step once
    assertThat(s.stepsThatFit()).isLessThan(16);
  }

  @Test
  void belowMinimumIsAMissAndAProbeFollowsAfterRepeatedMisses() {
    InferenceScheduler s = new InferenceScheduler(10_000_000, 4, 16, 1.0, 3);
    s.record(1, 1); // warm-up, ignored
    s.record(4, 40_000_000); // 10 ms per step: not even 4 steps fit 10 ms
    assertThat(s.chooseSteps()).isZero();
    assertThat(s.chooseSteps()).isZero();
    assertThat(s.chooseSteps()).isEqualTo(4); // probe
    assertThat(s.chooseSteps()).isZero();
  }

  @Test
  void aRemoteWaitComesOffTheBudgetBeforeTheStepsAreFitted() {
    InferenceScheduler s = new InferenceScheduler(100_000_000, 2, 50, 0.8, 10);
    s.record(1, 1, 0); // warm-up, ignored
    s.record(10, 20_000_000, 40_000_000); // 2 ms per step, 40 ms of transit and queue
    assertThat(s.chooseSteps()).isEqualTo(20); // floor((80 - 40) / 2)
  }

  @Test
  void aRemoteWaitAloneNeverMakesTheRobotRefuseToAsk() {
    InferenceScheduler s = new InferenceScheduler(80_000_000, 8, 8, 0.8, 100);
    s.record(8, 1, 0); // warm-up, ignored
    s.record(8, 8_000_000, 200_000_000); // 1 ms per step, but a 200 ms queue
    assertThat(s.chooseSteps()).isEqualTo(8); // the service sheds it if it stays late
    s.record(8, 80_000_000, 0); // now the steps themselves blow the budget: 8 x 10 ms > 64 ms
    assertThat(s.chooseSteps()).isZero();
  }

  @Test
  void aProbeThatFitsEndsARefusalStreakAtOnce() {
    InferenceScheduler s = new InferenceScheduler(10_000_000, 4, 16, 1.0, 3);
    s.record(1, 1); // warm-up, ignored
    for (int i = 0; i < InferenceScheduler.WINDOW; i++) {
      s.record(4, 40_000_000); // a slow spell: 10 ms per step fills the window
    }
    assertThat(s.chooseSteps()).isZero();
    assertThat(s.chooseSteps()).isZero();
    assertThat(s.chooseSteps()).isEqualTo(4); // probe
    s.record(4, 4_000_000); // the spell is over: 1 ms per step
    assertThat(s.chooseSteps()).isEqualTo(10); // not 31 more probes until the window forgets
  }

  @Test
  void rejectsInconsistentBounds() {
    assertThatThrownBy(() -> new InferenceScheduler(1, 5, 4, 0.8, 1)).hasMessageContaining("minSteps");
    assertThatThrownBy(() -> new InferenceScheduler(1, 1, 4, 1.5, 1)).hasMessageContaining("margin");
  }
}
