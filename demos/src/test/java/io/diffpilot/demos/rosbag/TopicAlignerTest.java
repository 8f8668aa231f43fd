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
    long[] t = LongStream.of(timesMs).map(x -> x * MS).toArray();
    float[][] v = new float[t.length][];
    for (int i = 0; i < t.length; i++) {
      v[i] = new float[] {timesMs[i]};
    }
    return new TimeSeries(topic, t, v);
  }

  static long[] every(long fromMs, long toMs, long stepMs) {
    return LongStream.iterate(fromMs, x -> x <= toMs, x -> x + stepMs).toArray();
  }

  @Test
  void eachTickTakesTheLatestMessageAtOrBeforeIt() {
    TimeSeries obs = series("/obs", every(0, 1000, 30));
    TimeSeries act = series("/act", every(15, 1000, 50));
    TopicAligner a = new TopicAligner(10, 0.2, 1.0);
    List<Episode> eps = a.align(Map.of("obs", obs), act, new long[0], "t", Map.of());
    assertThat(eps).hasSize(1);
    Episode e = eps.get(0);
    // first tick when both have arrived: 15 ms; ticks 15, 115, ..., 915
    assertThat(e.length()).isEqualTo(10);
    assertThat(e.metadata().get("start_time_ns")).isEqualTo(Long.toString(15 * MS));
    assertThat(e.observation("obs")[0][0]).isEqualTo(0f);
    assertThat(e.observation("obs")[1][0]).isEqualTo(90f); // latest ≤ 115 ms
    assertThat(e.actions()[1][0]).isEqualTo(115f); // a message exactly at the tick counts
    assertThat(e.actions()[2][0]).isEqualTo(215f);
    assertThat(e.timestampsSeconds()[9]).isEqualTo(0.9, org.assertj.core.data.Offset.offset(1e-12));
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
