package io.diffpilot.runtime.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.diffpilot.core.ActionChunk;
import io.diffpilot.core.ObservationWindow;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SeamRecordsTest {

  @Test
  void statusCopiesFaultsAndDropsZeros() {
    EnumMap<Fault, Long> faults = new EnumMap<>(Fault.class);
    faults.put(Fault.STALE, 2L);
    faults.put(Fault.NOT_FINITE, 0L);
    RuntimeStatus s = new RuntimeStatus("r1", RuntimeStatus.State.RUNNING, 5, 10, 3, 8, 1000, faults, null);
    faults.put(Fault.STALE, 99L);
    assertThat(s.count(Fault.STALE)).isEqualTo(2);
    assertThat(s.faults()).doesNotContainKey(Fault.NOT_FINITE);
    assertThat(s.totalFaults()).isEqualTo(2);
    assertThat(s.detail()).isEmpty();
  }

  @Test
  void statusRejectsNegativeCountsAndBlankRobot() {
    assertThatThrownBy(() -> new RuntimeStatus("r", RuntimeStatus.State.RUNNING, 0, 0, 0, 0, 0,
        Map.of(Fault.STALE, -1L), "")).hasMessageContaining("STALE");
    assertThatThrownBy(() -> RuntimeStatus.offline(" ", 0)).hasMessageContaining("robotId");
  }

  @Test
  void chunkReportsStepsFromTheCoreChunk() {
    OutgoingChunk c = new OutgoingChunk("r1", 1, 7, new ActionChunk(0, 100, new float[][] {{1, 2}}, 16), 5,
        OutgoingChunk.Origin.POLICY);
    assertThat(c.stepsUsed()).isEqualTo(16);
    assertThatThrownBy(() -> new OutgoingChunk("r1", 1, 7, c.chunk(), -1, OutgoingChunk.Origin.HOLD))
        .hasMessageContaining("inferenceNanos");
  }

  @Test
  void everyWindowRejectionHasAFault() {
    for (ObservationWindow.Rejection r : ObservationWindow.Rejection.values()) {
      assertThat(Fault.of(r).name()).isEqualTo(r.name());
    }
  }
}
