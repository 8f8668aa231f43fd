package io.diffpilot.tools.bench.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.diffpilot.core.ActionChunk;
import io.diffpilot.core.Observation;
import io.diffpilot.runtime.transport.ControllerTransport;
import io.diffpilot.runtime.transport.OutgoingChunk;
import io.diffpilot.runtime.transport.RuntimeStatus;
import io.diffpilot.runtime.transport.TransportListener;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LegTimerTest {

  /** Records what passes through, so the test can see the decorator forwards everything. */
  private static final class Inner implements ControllerTransport {
    TransportListener listener;
    final List<OutgoingChunk> chunks = new ArrayList<>();
    int statuses;
    boolean closed;

    @Override
    public void start(TransportListener l) {
      listener = l;
    }

    @Override
    public boolean publishChunk(OutgoingChunk chunk) {
      chunks.add(chunk);
      return true;
    }

    @Override
    public boolean publishStatus(RuntimeStatus status) {
      statuses++;
      return true;
    }

    @Override
    public boolean isConnected() {
      return true;
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  private static final class Seen implements TransportListener {
    final List<Long> observations = new ArrayList<>();
    final List<String> other = new ArrayList<>();

    @Override
    public void onObservation(String robotId, Observation observation, long receivedNanos) {
      observations.add(observation.sequence());
    }

    @Override
    public void onMalformed(String robotId, String reason) {
      other.add("malformed " + reason);
    }

    @Override
    public void onEmergencyStop(String robotId, boolean engaged) {
      other.add("estop " + engaged);
    }

    @Override
    public void onConnectionChange(boolean connected) {
      other.add("connected " + connected);
    }
  }

  private static OutgoingChunk chunk(long answers, OutgoingChunk.Origin origin) {
    return new OutgoingChunk("r", 1, answers, new ActionChunk(0, 1, new float[][] {{0f}}, 1), 0, origin);
  }

  @Test
  void notesArrivalAndPublishPerSequenceAndForwardsEverything() throws Exception {
    Inner inner = new Inner();
    Seen seen = new Seen();
    LegTimer timer = new LegTimer(inner, 10);
    timer.start(seen);
    inner.listener.onObservation("r", new Observation(3, 1, new float[] {0f}), 12_345L);
    inner.listener.onMalformed("r", "bad");
    inner.listener.onEmergencyStop("r", true);
    inner.listener.onConnectionChange(false);
    long before = System.nanoTime();
    assertThat(timer.publishChunk(chunk(3, OutgoingChunk.Origin.POLICY))).isTrue();
    timer.publishStatus(RuntimeStatus.offline("r", 1));
    timer.close();

    assertThat(seen.observations).containsExactly(3L);
    assertThat(seen.other).containsExactly("malformed bad", "estop true", "connected false");
    assertThat(inner.chunks).hasSize(1);
    assertThat(inner.statuses).isEqualTo(1);
    assertThat(inner.closed).isTrue();
    assertThat(timer.receivedNanos(3)).isEqualTo(12_345L);
    assertThat(timer.publishedNanos(3)).isGreaterThanOrEqualTo(before);
    assertThat(timer.receivedNanos(4)).isZero();
  }

  @Test
  void holdChunksAndSequencesOutOfRangeAreNotTimed() throws Exception {
    Inner inner = new Inner();
    LegTimer timer = new LegTimer(inner, 10);
    timer.start(new Seen());
    inner.listener.onObservation("r", new Observation(10, 1, new float[] {0f}), 5L); // capacity 10: 1..9
    inner.listener.onObservation("r", new Observation(0, 1, new float[] {0f}), 5L);
    timer.publishChunk(chunk(2, OutgoingChunk.Origin.HOLD));
    timer.publishChunk(chunk(-1, OutgoingChunk.Origin.POLICY));
    timer.publishChunk(chunk(99, OutgoingChunk.Origin.POLICY));

    assertThat(inner.chunks).hasSize(3); // all still published
    assertThat(timer.receivedNanos(10)).isZero();
    assertThat(timer.receivedNanos(0)).isZero();
    assertThat(timer.publishedNanos(2)).isZero();
    assertThat(timer.publishedNanos(-1)).isZero();
    assertThat(timer.publishedNanos(99)).isZero();
  }
}
