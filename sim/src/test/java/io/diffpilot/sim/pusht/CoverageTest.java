package io.diffpilot.sim.pusht;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CoverageTest {

  @Test
  void blockOnGoalCoversIt() {
    assertThat(Coverage.of(256, 256, Math.PI / 4)).isCloseTo(1.0, within(1e-12));
    assertThat(Coverage.of(256, 256, Math.PI / 4 + 2 * Math.PI)).isCloseTo(1.0, within(1e-9));
  }

  @Test
  void farBlockCoversNothing() {
    assertThat(Coverage.of(60, 60, 0)).isZero();
  }

  @Test
  void shiftedBlockCoversThePartThatOverlaps() {
    // Unrotated T shifted by 10 px along its crossbar against an unrotated copy: the crossbar loses
    // 10 × 30 and the stem 10 × 90 of overlap, i.e. (300 + 900) / 6300.
    double expected = 1.0 - 1200.0 / 6300.0;
    double c = Math.cos(Math.PI / 4);
    double s = Math.sin(Math.PI / 4);
    assertThat(Coverage.of(256 + 10 * c, 256 + 10 * s, Math.PI / 4)).isCloseTo(expected, within(1e-9));
  }

  @Test
  void rewardIsClippedCoverageOverThreshold() {
    assertThat(Coverage.reward(0.475)).isCloseTo(0.5, within(1e-12));
    assertThat(Coverage.reward(0.97)).isEqualTo(1.0);
    assertThat(Coverage.success(0.95)).isFalse();
    assertThat(Coverage.success(0.9501)).isTrue();
  }

  @Test
  void nonFinitePoseIsRejected() {
    assertThatThrownBy(() -> Coverage.of(Double.NaN, 0, 0)).hasMessageContaining("finite");
  }
}
