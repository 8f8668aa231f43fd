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
    List<PushTDemonstrations.Demo> demos = PushTDemonstrations.read(PushTData.pushtDemos());
    DemoReplay.Summary s = new DemoReplay(SolverSettings.tuned()).replayAll(demos);
    System.out.print(s.format());
    // Reached (ChipmunkContactSolver): p50 1.2e-5 px, p90 6.0e-5 px after all steps (the CSV's float32
    // precision); one episode drifts: 107, 0.13 px after a grazing contact.
    assertThat(s.positionPercentile(0, 0.9)).as("p90 px after 10 steps").isLessThan(1e-4);
    assertThat(s.positionPercentile(1, 0.5)).as("p50 px after 50 steps").isLessThan(1e-4);
    assertThat(s.positionPercentile(1, 0.9)).as("p90 px after 50 steps").isLessThan(2e-4);
    assertThat(s.positionPercentile(2, 0.5)).as("p50 px after all steps").isLessThan(1e-4);
    assertThat(s.positionPercentile(2, 0.9)).as("p90 px after all steps").isLessThan(2e-4);
    assertThat(s.anglePercentile(2, 0.9)).as("p90 rad after all steps").isLessThan(2e-6);
    assertThat(s.positionPercentile(2, 1.0)).as("worst episode, px after all steps").isLessThan(0.3);
    long drifting = s.episodes().stream().filter(e -> e.posErrPx()[2] > 0.01).count();
    assertThat(drifting).as("episodes more than 0.01 px off at the end").isLessThanOrEqualTo(1);
    assertThat(s.medianCoverageGap()).as("median final coverage gap").isLessThan(1e-5);
    assertThat(s.demoScore()).as("demonstrations' mean max reward").isBetween(0.89, 0.895);
  }

  /** dyn4j's own solver (Baumgarte position pass) stays selectable; pinned on 60 episodes. */
  @Test
  void dyn4jSolverWithChipmunkConstantsStaysWithinItsFigures() throws Exception {
    List<PushTDemonstrations.Demo> demos = PushTDemonstrations.read(PushTData.pushtDemos()).subList(0, 60);
    SolverSettings dyn4j = SolverSettings.chipmunkDefaults(PushTEnv.SUBSTEP_SECONDS);
    DemoReplay.Summary s = new DemoReplay(dyn4j).replayAll(demos);
    System.out.print(s.format());
    assertThat(s.positionPercentile(2, 0.5)).as("p50 px after all steps").isLessThan(0.01);
    assertThat(s.positionPercentile(2, 0.9)).as("p90 px after all steps").isLessThan(0.1);
  }
}
