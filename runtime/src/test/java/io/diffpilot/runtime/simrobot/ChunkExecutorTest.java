package io.diffpilot.runtime.simrobot;

import static org.assertj.core.api.Assertions.assertThat;

import io.diffpilot.core.ActionChunk;
import io.diffpilot.runtime.transport.OutgoingChunk;
import org.junit.jupiter.api.Test;

class ChunkExecutorTest {
  private static OutgoingChunk chunk(long seq, long start, float... xs) {
    float[][] a = new float[xs.length][];
    for (int i = 0; i < xs.length; i++) {
      a[i] = new float[] {xs[i], 0};
    }
    return new OutgoingChunk("r", seq, seq, new ActionChunk(start, 100, a, 4), 0, OutgoingChunk.Origin.POLICY);
  }

  @Test
  void executesByTimeStampAndHoldsTheLastAction() {
    ChunkExecutor ex = new ChunkExecutor();
    assertThat(ex.actionAt(0)).isNull();
    ex.accept(chunk(1, 1000, 1, 2, 3));
    assertThat(ex.actionAt(1000)[0]).isEqualTo(1);
    assertThat(ex.actionAt(1110)[0]).isEqualTo(2);
    assertThat(ex.actionAt(5000)[0]).isEqualTo(3);
  }

  @Test
  void newerChunkTakesOverFromItsStartAndOlderOnesAreIgnored() {
    ChunkExecutor ex = new ChunkExecutor();
    ex.accept(chunk(1, 1000, 1, 2, 3, 4));
    ex.accept(chunk(2, 1200, 7, 8));
    assertThat(ex.actionAt(1100)[0]).isEqualTo(2); // before the new chunk starts: the old one runs
    assertThat(ex.actionAt(1200)[0]).isEqualTo(7);
    ex.accept(chunk(1, 0, 9));
    assertThat(ex.ignoredCount()).isEqualTo(1);
    assertThat(ex.actionAt(1300)[0]).isEqualTo(8);
  }
}
