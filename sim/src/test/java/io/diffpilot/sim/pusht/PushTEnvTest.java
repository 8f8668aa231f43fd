package io.diffpilot.sim.pusht;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PushTEnvTest {

  @Test
  void seed100000StartsWhereNumpyPutsIt() {
    // RandomState(100000): randint → 235, 124, 335, 128; randn → 0.35597632662673595.
    PushTState drawn = PushTEnv.initialState(100000);
    assertThat(drawn.agentX()).isEqualTo(235);
    assertThat(drawn.agentY()).isEqualTo(124);
    assertThat(drawn.blockAngle()).isCloseTo(0.35597632662673595 * 2 * Math.PI - Math.PI, within(1e-15));
    PushTState s = new PushTEnv().reset(100000);
    double a = drawn.blockAngle();
    assertThat(s.blockX()).isCloseTo(335 + 45 * Math.sin(a), within(1e-9));
    assertThat(s.blockY()).isCloseTo(128 + 45 - 45 * Math.cos(a), within(1e-9));
  }

  @Test
  void blockAtRestStaysPutWhileAgentMovesAway() {
    PushTEnv env = startingAt(new PushTState(100, 100, 300, 300, 0.3));
    PushTState s = drive(env, 20, 80, 80);
    assertThat(s.blockX()).isEqualTo(300.0);
    assertThat(s.blockY()).isEqualTo(300.0);
    assertThat(s.blockAngle()).isCloseTo(0.3, within(1e-12));
    assertThat(s.agentX()).isCloseTo(80, within(0.5));
  }

  @Test
  void agentPushesBlockAndBlockStopsWhenPushStops() {
    // Block upright at (300, 300); agent left of the crossbar, driven right through it.
    PushTEnv env = startingAt(new PushTState(200, 315, 300, 300, 0));
    PushTState pushed = drive(env, 10, 260, 315);
    assertThat(pushed.blockX()).isGreaterThan(300.5);
    // Crossbar's left end (local x −60) stays in front of the agent (radius 15), within the slop.
    assertThat(pushed.blockX() - 60 - pushed.agentX()).isGreaterThan(14.0);
    PushTState after = drive(env, 10, 100, 315);
    assertThat(drive(env, 5, 100, 315).blockX()).isEqualTo(after.blockX());
  }

  @Test
  void sameSeedAndActionsGiveTheSameEpisode() {
    PushTEnv a = new PushTEnv();
    PushTEnv b = new PushTEnv();
    a.reset(7);
    b.reset(7);
    for (int i = 0; i < 60; i++) {
      float[] act = {200 + 3 * i, 260 + (i % 7) * 10};
      assertThat(a.step(act).observation()).containsExactly(b.step(act).observation());
    }
  }

  @Test
  void episodeEndsAtStepLimit() {
    PushTEnv env = new PushTEnv(ObservationKind.STATE, 3, SolverSettings.tuned());
    env.reset(1);
    assertThat(env.step(100, 100).done()).isFalse();
    assertThat(env.step(100, 100).done()).isFalse();
    StepResult last = env.step(100, 100);
    assertThat(last.done()).isTrue();
    assertThat(last.step()).isEqualTo(3);
    assertThat(last.observation()).hasSize(5);
    assertThatThrownBy(() -> env.step(100, 100)).hasMessageContaining("done");
  }

  @Test
  void blockOnGoalSucceeds() {
    PushTEnv env = startingAt(new PushTState(60, 60, 256, 256, Math.PI / 4));
    StepResult r = env.step(60, 60);
    assertThat(r.coverage()).isCloseTo(1.0, within(1e-9));
    assertThat(r.reward()).isEqualTo(1.0);
    assertThat(r.success()).isTrue();
    assertThat(r.done()).isTrue();
  }

  @Test
  void badActionsAreRejectedWithClearErrors() {
    PushTEnv env = new PushTEnv();
    assertThatThrownBy(() -> env.step(1, 1)).hasMessageContaining("reset");
    env.reset(0);
    assertThatThrownBy(() -> env.step(Double.NaN, 1)).hasMessageContaining("not finite");
    assertThatThrownBy(() -> env.step(new float[3])).hasMessageContaining("[2]");
  }

  @Test
  void observationKindsHaveThePapersWidths() {
    PushTState s = new PushTState(1, 2, 300, 300, -0.5);
    assertThat(ObservationKind.STATE.of(s)).hasSize(5);
    assertThat(ObservationKind.STATE.of(s)[4]).isCloseTo((float) (2 * Math.PI - 0.5), within(1e-6f));
    float[] kp = ObservationKind.KEYPOINTS.of(s);
    assertThat(kp).hasSize(20);
    assertThat(kp[18]).isEqualTo(1f);
    assertThat(ObservationKind.parse("keypoints")).isEqualTo(ObservationKind.KEYPOINTS);
    assertThatThrownBy(() -> ObservationKind.parse("pixels")).hasMessageContaining("state, keypoints");
  }

  private static PushTEnv startingAt(PushTState state) {
    PushTEnv env = new PushTEnv();
    env.resetTo(state);
    return env;
  }

  /** Steps {@code n} times with the agent's target at (x, y); the state after. */
  private static PushTState drive(PushTEnv env, int n, double x, double y) {
    for (int i = 0; i < n; i++) {
      env.step(x, y);
    }
    return env.state();
  }
}
