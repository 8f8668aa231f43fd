package io.diffpilot.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.diffpilot.core.ObservationWindow.Rejection;
import org.junit.jupiter.api.Test;

class ObservationWindowTest {

  private static Observation obs(long seq, long t, float... v) {
    return new Observation(seq, t, v);
  }

  @Test
  void padsFrontWithOldestUntilFullThenSlides() {
    ObservationWindow w = new ObservationWindow(3, 1, Long.MAX_VALUE);
    assertThat(w.offer(obs(1, 10, 1f), 10)).isNull();
    assertThat(w.history()).isDeepEqualTo(new float[][] {{1f}, {1f}, {1f}});
    w.offer(obs(2, 20, 2f), 20);
    assertThat(w.history()).isDeepEqualTo(new float[][] {{1f}, {1f}, {2f}});
    w.offer(obs(3, 30, 3f), 30);
    w.offer(obs(4, 40, 4f), 40);
    assertThat(w.isFull()).isTrue();
    assertThat(w.history()).isDeepEqualTo(new float[][] {{2f}, {3f}, {4f}});
    assertThat(w.latestSequence()).isEqualTo(4);
    assertThat(w.latestCaptureNanos()).isEqualTo(40);
  }

  @Test
  void rejectsBadObservationsWithCountedReasonAndKeepsHistory() {
    ObservationWindow w = new ObservationWindow(2, 2, 1_000);
    w.offer(obs(5, 100, 1f, 1f), 100);
    assertThat(w.offer(obs(6, 110, 1f), 110)).isEqualTo(Rejection.WRONG_DIMENSION);
    assertThat(w.offer(obs(6, 110, Float.NaN, 1f), 110)).isEqualTo(Rejection.NOT_FINITE);
    assertThat(w.offer(obs(6, 110, Float.POSITIVE_INFINITY, 1f), 110)).isEqualTo(Rejection.NOT_FINITE);
    assertThat(w.offer(obs(5, 110, 2f, 2f), 110)).isEqualTo(Rejection.DUPLICATE_SEQUENCE);
    assertThat(w.offer(obs(4, 120, 2f, 2f), 120)).isEqualTo(Rejection.OUT_OF_ORDER);
    assertThat(w.offer(obs(7, 50, 2f, 2f), 120)).isEqualTo(Rejection.OUT_OF_ORDER);
    assertThat(w.offer(obs(8, 200, 2f, 2f), 5_000)).isEqualTo(Rejection.STALE);
    assertThat(w.rejectedCounts())
        .containsEntry(Rejection.WRONG_DIMENSION, 1L)
        .containsEntry(Rejection.NOT_FINITE, 2L)
        .containsEntry(Rejection.DUPLICATE_SEQUENCE, 1L)
        .containsEntry(Rejection.OUT_OF_ORDER, 2L)
        .containsEntry(Rejection.STALE, 1L);
    assertThat(w.acceptedCount()).isEqualTo(1);
    assertThat(w.history()).isDeepEqualTo(new float[][] {{1f, 1f}, {1f, 1f}});
  }

  @Test
  void historyIsACopy() {
    ObservationWindow w = new ObservationWindow(1, 1, Long.MAX_VALUE);
    w.offer(obs(1, 1, 3f), 1);
    w.history()[0][0] = 99f;
    assertThat(w.history()[0][0]).isEqualTo(3f);
  }
}
