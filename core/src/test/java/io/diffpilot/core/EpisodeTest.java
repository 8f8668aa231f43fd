package io.diffpilot.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EpisodeTest {

  @Test
  void rejectsMismatchedLengthsNonFiniteAndNonMonotonicTime() {
    float[][] a = {{0f}, {1f}};
    assertThatThrownBy(() -> new Episode(3, "t", new double[] {0, 0.1}, Map.of("s", new float[][] {{0f}}), a, null))
        .hasMessageContaining("episode 3").hasMessageContaining("'s'");
    assertThatThrownBy(() -> new Episode(3, "t", new double[] {0, 0}, Map.of(), a, null))
        .hasMessageContaining("not increasing at step 1");
    assertThatThrownBy(() -> new Episode(3, "t", new double[] {0, 0.1}, Map.of(), new float[][] {{0f}, {Float.NaN}}, null))
        .hasMessageContaining("not finite at step 1");
  }

  @Test
  void namesMissingObservation() {
    Episode e = new Episode(0, "t", new double[] {0}, Map.of("state", new float[][] {{1f}}), new float[][] {{0f}}, null);
    assertThat(e.length()).isEqualTo(1);
    assertThatThrownBy(() -> e.observation("keypoints")).hasMessageContaining("keypoints").hasMessageContaining("state");
  }

  @Test
  void actionChunkTimesActions() {
    ActionChunk c = new ActionChunk(1_000, 100, new float[][] {{1f, 2f}, {3f, 4f}}, 8);
    assertThat(c.timeOf(1)).isEqualTo(1_100);
    assertThat(c.endNanos()).isEqualTo(1_200);
    assertThatThrownBy(() -> new ActionChunk(0, 0, new float[][] {{1f}}, 0)).hasMessageContaining("stepNanos");
  }

  @Test
  void manualClockJumpsToDeadline() throws Exception {
    ManualClock c = new ManualClock(5);
    c.sleepUntil(50);
    assertThat(c.nanos()).isEqualTo(50);
    c.sleepUntil(10);
    assertThat(c.nanos()).isEqualTo(50);
    c.advance(5);
    assertThat(c.nanos()).isEqualTo(55);
  }

  @Test
  void samplerNamesParse() {
    assertThat(SamplerKind.parse("DPM-Solver++")).isEqualTo(SamplerKind.DPM_SOLVER_PP);
    assertThat(SamplerKind.parse("ddim")).isEqualTo(SamplerKind.DDIM);
    assertThatThrownBy(() -> SamplerKind.parse("euler")).hasMessageContaining("euler");
  }
}
