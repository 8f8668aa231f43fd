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

  @Test
  void anotherSessionIsRejectedUntilTheWindowRestarts() {
    ObservationWindow w = new ObservationWindow(2, 1, Long.MAX_VALUE);
    assertThat(w.offer(new Observation(10, 100, new float[] {1f}, 7), 100)).isNull();
    assertThat(w.offer(new Observation(1, 5, new float[] {2f}, 8), 100)).isEqualTo(Rejection.OTHER_SESSION);
    assertThat(w.offer(new Observation(11, 110, new float[] {2f}), 110)).isEqualTo(Rejection.OTHER_SESSION);
    w.restart();
    assertThat(w.hasAny()).isFalse();
    assertThat(w.offer(new Observation(1, 5, new float[] {3f}, 8), 5)).isNull();
    assertThat(w.latestSession()).isEqualTo(8);
    assertThat(w.history()).isDeepEqualTo(new float[][] {{3f}, {3f}});
    assertThat(w.acceptedCount()).isEqualTo(2);
    assertThat(w.rejectedCounts()).containsEntry(Rejection.OTHER_SESSION, 2L);
  }

  @Test
  void sequenceFurtherAheadThanTheGapIsAJumpNotAnAdmission() {
    ObservationWindow w = new ObservationWindow(1, 1, Long.MAX_VALUE, Long.MAX_VALUE, 1_000);
    w.offer(obs(5, 100, 1f), 100);
    assertThat(w.offer(obs(5 + 1_001, 110, 2f), 110)).isEqualTo(Rejection.SEQUENCE_JUMP);
    assertThat(w.offer(obs(Long.MAX_VALUE, 110, 2f), 110)).isEqualTo(Rejection.SEQUENCE_JUMP);
    assertThat(w.offer(obs(5 + 1_000, 120, 3f), 120)).isNull();
    assertThat(w.latestSequence()).isEqualTo(1_005);
  }

  @Test
  void gapOverflowBetweenNegativeAndHugeSequencesCountsAsAJump() {
    ObservationWindow w = new ObservationWindow(1, 1, Long.MAX_VALUE, Long.MAX_VALUE, 1_000);
    w.offer(obs(Long.MIN_VALUE + 1, 100, 1f), 100);
    assertThat(w.offer(obs(Long.MAX_VALUE, 110, 2f), 110)).isEqualTo(Rejection.SEQUENCE_JUMP);
  }

  @Test
  void captureBeyondTheFutureToleranceIsRejectedAndOneWithinIsAdmitted() {
    ObservationWindow w = new ObservationWindow(1, 1, 1_000, 50, Long.MAX_VALUE);
    assertThat(w.offer(obs(1, 151, 1f), 100)).isEqualTo(Rejection.FUTURE_STAMP);
    assertThat(w.offer(obs(1, 150, 1f), 100)).isNull();
    assertThat(w.rejectedCounts()).containsEntry(Rejection.FUTURE_STAMP, 1L);
  }
}
