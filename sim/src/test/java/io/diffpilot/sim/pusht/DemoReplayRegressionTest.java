package io.diffpilot.sim.pusht;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Pins the fidelity reached by replaying all 206 human demonstrations open-loop (see
 * sim/README.md for the figures and what limits them). A solver change that makes the replay
 * drift further from the reference's Chipmunk world fails here.
 */
class DemoReplayRegressionTest {

  @Test
  void openLoopReplayStaysCloseToTheRecordings() throws Exception {
    List<PushTDemonstrations.Demo> demos = PushTDemonstrations.read(SharedData.pushtDemos());
    DemoReplay.Summary s = new DemoReplay(SolverSettings.tuned()).replayAll(demos);
    System.out.print(s.format());
    // Reached: p50 0.0000 / 0.0028 / 0.0022 px, p90 0.0042 / 0.0321 / 0.0288 px (10 / 50 / all).
    assertThat(s.positionPercentile(0, 0.9)).as("p90 px after 10 steps").isLessThan(0.01);
    assertThat(s.positionPercentile(1, 0.5)).as("p50 px after 50 steps").isLessThan(0.006);
    assertThat(s.positionPercentile(1, 0.9)).as("p90 px after 50 steps").isLessThan(0.06);
    assertThat(s.positionPercentile(2, 0.5)).as("p50 px after all steps").isLessThan(0.005);
    assertThat(s.positionPercentile(2, 0.9)).as("p90 px after all steps").isLessThan(0.06);
    assertThat(s.anglePercentile(2, 0.9)).as("p90 rad after all steps").isLessThan(0.001);
    assertThat(s.medianCoverageGap()).as("median final coverage gap").isLessThan(0.001);
    assertThat(s.demoScore()).as("demonstrations' mean max reward").isBetween(0.89, 0.895);
  }
}
