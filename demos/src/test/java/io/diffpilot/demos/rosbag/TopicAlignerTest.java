package io.diffpilot.demos.rosbag;

import static org.assertj.core.api.Assertions.assertThat;

import io.diffpilot.core.Episode;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class TopicAlignerTest {

  static final long MS = 1_000_000L;

  /** A series whose value is its message time in ms. */
  static TimeSeries series(String topic, long... timesMs) {
    float[] values = new float[timesMs.length];
    for (int i = 0; i < values.length; i++) {
      values[i] = timesMs[i];
    }
    return series(topic, timesMs, values);
  }

  /** A series with the given record times (ms) and one-element values. */
  static TimeSeries series(String topic, long[] timesMs, float[] values) {
    long[] t = LongStream.of(timesMs).map(x -> x * MS).toArray();
    float[][] v = new float[t.length][];
    for (int i = 0; i < t.length; i++) {
      v[i] = new float[] {values[i]};
    }
    return new TimeSeries(topic, t, v);
  }

  /** A one-per-step topic: message k carries the value k. */
  static TimeSeries steps(String topic, long[] timesMs) {
    float[] values = new float[timesMs.length];
    for (int i = 0; i < values.length; i++) {
      values[i] = i;
    }
    return series(topic, timesMs, values);
  }

  static long[] every(long fromMs, long toMs, long stepMs) {
    return LongStream.iterate(fromMs, x -> x <= toMs, x -> x + stepMs).toArray();
  }

  static void assertStepsPaired(Episode e, int n) {
    assertThat(e.length()).isEqualTo(n);
    for (int k = 0; k < n; k++) {
      assertThat(e.observation("obs")[k][0]).as("observation of step %d", k).isEqualTo((float) k);
      assertThat(e.actions()[k][0]).as("action of step %d", k).isEqualTo((float) k);
    }
  }

  @Test
  void eachTickTakesTheLatestMessageOfTheTicksNearestToIt() {
    TimeSeries obs = series("/obs", every(0, 1000, 30));
    TimeSeries act = series("/act", every(15, 1000, 50));
    TopicAligner a = new TopicAligner(10, 0.2, 1.0);
    List<Episode> eps = a.align(Map.of("obs", obs), act, new long[0], "t", Map.of());
    assertThat(eps).hasSize(1);
    Episode e = eps.get(0);
    // Tick 0 when both have arrived: 15 ms; tick k owns (15 + 100k − 50, 15 + 100k + 50] ms.
    assertThat(e.metadata().get("start_time_ns")).isEqualTo(Long.toString(15 * MS));
    assertThat(e.observation("obs")[0][0]).isEqualTo(60f);
    assertThat(e.observation("obs")[1][0]).isEqualTo(150f);
    assertThat(e.actions()[1][0]).isEqualTo(115f); // 65 and 115 ms are both nearest to 115: the latest wins
    assertThat(e.actions()[2][0]).isEqualTo(215f);
    // The last action (965 ms) is nearest to tick 10 (1015 ms): kept.
    assertThat(e.length()).isEqualTo(11);
    assertThat(e.actions()[10][0]).isEqualTo(965f);
    assertThat(e.timestampsSeconds()[9]).isEqualTo(0.9, org.assertj.core.data.Offset.offset(1e-12));
  }

  @Test
  void theLastActionRecordedJustBeforeItsTickIsAStep() {
    long[] obsT = every(0, 1600, 100);
    long[] actT = every(1, 1601, 100);
    actT[actT.length - 1] = 1597; // recorded 3 ms before tick 16
    List<Episode> eps = new TopicAligner(10, 0.2, 1.0).align(Map.of("obs", steps("/obs", obsT)), steps("/act", actT),
        new long[0], "t", Map.of());
    assertStepsPaired(eps.get(0), 17);
  }

  @Test
  void twoObservationsRecordedInTheSameMillisecondKeepTheirOwnSteps() {
    long[] obsT = every(0, 1600, 100);
    obsT[5] = 600; // observation 5 delivered late, in the same millisecond as observation 6
    List<Episode> eps = new TopicAligner(10, 0.2, 1.0).align(Map.of("obs", steps("/obs", obsT)),
        steps("/act", every(2, 1602, 100)), new long[0], "t", Map.of());
    assertStepsPaired(eps.get(0), 17);
  }

  @Test
  void aLateFirstMessageDoesNotShiftTheTicks() {
    long[] obsT = every(0, 1600, 100);
    obsT[0] = 60; // the episode's first observation recorded 60 ms late
    List<Episode> eps = new TopicAligner(10, 0.2, 1.0).align(Map.of("obs", steps("/obs", obsT)),
        steps("/act", every(1, 1601, 100)), new long[0], "t", Map.of());
    assertStepsPaired(eps.get(0), 17);
    long[] actT = every(1, 1601, 100);
    actT[0] = 70; // and the first action
    eps = new TopicAligner(10, 0.2, 1.0).align(Map.of("obs", steps("/obs", every(0, 1600, 100))), steps("/act", actT),
        new long[0], "t", Map.of());
    assertStepsPaired(eps.get(0), 17);
  }

  @Test
  void aStalledRecorderDeliveringThreeStepsAtOnceKeepsEachStep() {
    long[] obsT = every(0, 1600, 100);
    long[] actT = every(1, 1601, 100);
    for (int k : new int[] {7, 8}) {
      obsT[k] = 902; // 7 and 8 arrive with 9, after a 300 ms stall
      actT[k] = 903;
    }
    TopicAligner a = new TopicAligner(10, 0.5, 1.0);
    List<Episode> eps = a.align(Map.of("obs", steps("/obs", obsT)), steps("/act", actT), new long[0], "t", Map.of());
    assertStepsPaired(eps.get(0), 17);
    assertThat(a.report).isEmpty();
  }

  @Test
  void aFasterObservationTopicIsDownsampledToTheLatestMessageOfEachTick() {
    TimeSeries obs = series("/obs", every(0, 1000, 33));
    TimeSeries act = steps("/act", every(0, 1000, 100));
    List<Episode> eps = new TopicAligner(10, 0.2, 1.0).align(Map.of("obs", obs), act, new long[0], "t", Map.of());
    Episode e = eps.get(0);
    assertThat(e.length()).isEqualTo(11);
    assertThat(e.observation("obs")[0][0]).isEqualTo(33f); // 0 and 33 ms are nearest to tick 0
    assertThat(e.observation("obs")[3][0]).isEqualTo(330f); // 264, 297, 330 → 330
  }

  @Test
  void aSilenceLongerThanTheGapStartsANewEpisode() {
    long[] t = LongStream.concat(LongStream.of(every(0, 1000, 100)), LongStream.of(every(3000, 4000, 100))).toArray();
    TopicAligner a = new TopicAligner(10, 0.15, 0.5);
    List<Episode> eps = a.align(Map.of("obs", series("/obs", t)), series("/act", t), new long[0], "t", Map.of());
    assertThat(eps).hasSize(2);
    assertThat(eps.get(0).length()).isEqualTo(11);
    assertThat(eps.get(1).observation("obs")[0][0]).isEqualTo(3000f);
    assertThat(eps.get(1).index()).isEqualTo(1);
    assertThat(a.report).isEmpty();
  }

  @Test
  void aMarkerMessageStartsANewEpisode() {
    long[] t = every(0, 2000, 100);
    TopicAligner a = new TopicAligner(10, 0.15, 5.0);
    List<Episode> eps = a.align(Map.of("obs", series("/obs", t)), series("/act", t), new long[] {1050 * MS}, "t", Map.of());
    assertThat(eps).hasSize(2);
    assertThat(eps.get(0).observation("obs")[eps.get(0).length() - 1][0]).isEqualTo(1000f);
    assertThat(eps.get(1).observation("obs")[0][0]).isEqualTo(1100f);
  }

  @Test
  void aStaleTopicCutsTheEpisodeAndIsReported() {
    long[] obsT = LongStream.concat(LongStream.of(every(0, 1000, 100)), LongStream.of(every(1400, 2000, 100))).toArray();
    TopicAligner a = new TopicAligner(10, 0.15, 5.0);
    List<Episode> eps = a.align(Map.of("obs", series("/obs", obsT)), series("/act", every(0, 2000, 100)), new long[0],
        "t", Map.of());
    assertThat(eps).hasSize(2);
    assertThat(eps.get(0).length()).isEqualTo(12); // ticks 0..1100: at 1100 the obs is 100 ms old
    assertThat(eps.get(1).observation("obs")[0][0]).isEqualTo(1400f);
    assertThat(a.report).singleElement().asString().contains("2 ticks dropped");
  }
}
