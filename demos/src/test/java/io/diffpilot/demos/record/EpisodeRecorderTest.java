package io.diffpilot.demos.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.diffpilot.core.Episode;
import io.diffpilot.demos.SharedData;
import io.diffpilot.demos.dataset.DatasetFormatException;
import io.diffpilot.demos.dataset.DatasetSchema;
import io.diffpilot.demos.dataset.DemoDataset;
import io.diffpilot.demos.dataset.Feature;
import io.diffpilot.demos.lerobot.LeRobotDataset;
import io.diffpilot.demos.lerobot.LeRobotWriter;
import io.diffpilot.demos.record.EpisodeRecorder.Outcome;
import io.diffpilot.demos.record.EpisodeRecorder.Rejection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EpisodeRecorderTest {

  static final long MS = 1_000_000L;
  static final DatasetSchema SCHEMA = new DatasetSchema(10,
      Map.of("state", Feature.observation("state", 3, List.of())), Feature.action(2, List.of()));

  static EpisodeRecorder open(Path dir) {
    return EpisodeRecorder.open(dir, SCHEMA, "toy", 150 * MS);
  }

  /** n steps at 10 Hz from {@code t0Ms}, obs = [k, k, k], action = [k, -k]. */
  static void steps(EpisodeRecorder r, long t0Ms, int n) {
    for (int k = 0; k < n; k++) {
      long t = (t0Ms + 100L * k) * MS;
      assertThat(r.onObservation("state", t - 5 * MS, new float[] {k, k, k})).isNull();
      assertThat(r.onAction(t, new float[] {k, -k})).isNull();
    }
  }

  /** Records {@link #steps} as an episode of task "x" and saves it. */
  static void savedEpisode(EpisodeRecorder r, long t0Ms, int n) {
    r.startEpisode("x");
    steps(r, t0Ms, n);
    r.endEpisode(Outcome.SAVE);
  }

  @Test
  void savedEpisodesReadBackAsALeRobotDataset(@TempDir Path dir) throws Exception {
    EpisodeRecorder r = open(dir);
    r.startEpisode("reach");
    steps(r, 1000, 5);
    Episode saved = r.endEpisode(Outcome.SAVE).orElseThrow();
    assertThat(saved.index()).isZero();
    r.startEpisode("reach");
    steps(r, 9000, 3);
    r.endEpisode(Outcome.SAVE);
    LeRobotDataset ds = LeRobotDataset.open(dir);
    assertThat(ds.size()).isEqualTo(2);
    assertThat(ds.episode(0).length()).isEqualTo(5);
    assertThat(ds.episode(1).observation("state")[2]).containsExactly(2f, 2f, 2f);
    assertThat(ds.episode(1).actions()[2]).containsExactly(2f, -2f);
    assertThat(ds.episode(1).timestampsSeconds()).containsExactly(0.0, (double) 0.1f, (double) 0.2f);
    assertThat(Files.isSymbolicLink(dir.resolve("meta"))).isTrue();
    assertThat(dir.resolve("data/chunk-000/file-001.parquet")).isRegularFile();
    assertThat(ds.robotType()).isEqualTo("toy");
  }

  @Test
  void theNextEpisodeRecordsWhileTheLastOneCommits(@TempDir Path dir) throws Exception {
    try (EpisodeRecorder r = open(dir)) {
      r.startEpisode("a");
      steps(r, 0, 4);
      var first = r.endEpisodeAsync(Outcome.SAVE);
      r.startEpisode("b");
      steps(r, 10_000, 6);
      var second = r.endEpisodeAsync(Outcome.SAVE);
      assertThat(second.get().orElseThrow().index()).isEqualTo(1);
      assertThat(first.get().orElseThrow().index()).isZero();
    }
    LeRobotDataset ds = LeRobotDataset.open(dir);
    assertThat(ds.episode(0).task()).isEqualTo("a");
    assertThat(ds.episode(1).length()).isEqualTo(6);
  }

  @Test
  void discardedEpisodeLeavesNothing(@TempDir Path dir) {
    EpisodeRecorder r = open(dir);
    savedEpisode(r, 0, 4);
    r.startEpisode("x");
    steps(r, 5000, 4);
    assertThat(r.endEpisode(Outcome.DISCARD)).isEmpty();
    assertThat(LeRobotDataset.open(dir).size()).isEqualTo(1);
    assertThat(r.savedEpisodes()).isEqualTo(1);
  }

  @Test
  void eachStepTakesTheLatestObservationAtOrBeforeItsAction(@TempDir Path dir) {
    EpisodeRecorder r = open(dir);
    r.startEpisode("x");
    r.onObservation("state", 0, new float[] {1, 1, 1});
    r.onObservation("state", 90 * MS, new float[] {2, 2, 2});
    r.onObservation("state", 130 * MS, new float[] {3, 3, 3}); // after the action below: not its observation
    assertThat(r.onAction(100 * MS, new float[] {0, 0})).isNull();
    assertThat(r.onAction(200 * MS, new float[] {0, 0})).isNull();
    Episode e = r.endEpisode(Outcome.SAVE).orElseThrow();
    assertThat(e.observation("state")[0]).containsExactly(2, 2, 2);
    assertThat(e.observation("state")[1]).containsExactly(3, 3, 3);
  }

  @Test
  void badMessagesAreRejectedAndCounted(@TempDir Path dir) {
    EpisodeRecorder r = open(dir);
    assertThat(r.onAction(0, new float[] {0, 0})).isEqualTo(Rejection.NOT_RECORDING);
    r.startEpisode("x");
    assertThat(r.onObservation("velocity", 0, new float[] {1})).isEqualTo(Rejection.UNKNOWN_OBSERVATION);
    assertThat(r.onObservation("state", 0, new float[] {1, 2})).isEqualTo(Rejection.WRONG_DIMENSION);
    assertThat(r.onObservation("state", 0, new float[] {1, Float.NaN, 2})).isEqualTo(Rejection.NOT_FINITE);
    assertThat(r.onAction(10 * MS, new float[] {0, 0})).isEqualTo(Rejection.NO_FRESH_OBSERVATION);
    r.onObservation("state", 100 * MS, new float[] {1, 2, 3});
    assertThat(r.onObservation("state", 50 * MS, new float[] {1, 2, 3})).isEqualTo(Rejection.OUT_OF_ORDER);
    assertThat(r.onAction(400 * MS, new float[] {0, 0})).isEqualTo(Rejection.NO_FRESH_OBSERVATION); // 300 ms old
    assertThat(r.onAction(200 * MS, new float[] {0, 0})).isNull();
    assertThat(r.onAction(200 * MS, new float[] {0, 0})).isEqualTo(Rejection.OUT_OF_ORDER);
    assertThat(r.rejectedCounts()).containsEntry(Rejection.NO_FRESH_OBSERVATION, 2L)
        .containsEntry(Rejection.OUT_OF_ORDER, 2L).containsEntry(Rejection.NOT_RECORDING, 1L);
    assertThat(r.steps()).isEqualTo(1);
  }

  @Test
  void appendsToADatasetWrittenByTheExporter(@TempDir Path tmp) {
    Path dir = tmp.resolve("pusht");
    DemoDataset two = LeRobotDataset.open(SharedData.repoPushT()).slice(0, 2);
    LeRobotWriter.writeV30(two, dir);
    EpisodeRecorder r = EpisodeRecorder.open(dir, two.schema(), "pusht", 150 * MS);
    assertThat(r.savedEpisodes()).isEqualTo(2);
    r.startEpisode("pusht");
    for (int k = 0; k < 3; k++) {
      r.onObservation("state", k * 100 * MS, new float[5]);
      r.onObservation("keypoints", k * 100 * MS, new float[20]);
      r.onAction(k * 100 * MS, new float[] {k, k});
    }
    r.endEpisode(Outcome.SAVE);
    LeRobotDataset ds = LeRobotDataset.open(dir);
    assertThat(ds.size()).isEqualTo(3);
    assertThat(ds.episode(0).actions()).isDeepEqualTo(two.episode(0).actions());
    assertThat(ds.episode(2).length()).isEqualTo(3);
    assertThat(ds.totalFrames()).isEqualTo(161 + 118 + 3);
  }

  @Test
  void aDatasetOfAnotherShapeIsRefused(@TempDir Path dir) {
    EpisodeRecorder r = open(dir);
    savedEpisode(r, 0, 2);
    DatasetSchema other = new DatasetSchema(10, Map.of("state", Feature.observation("state", 4, List.of())),
        Feature.action(2, List.of()));
    assertThatThrownBy(() -> EpisodeRecorder.open(dir, other, "toy", MS))
        .isInstanceOf(DatasetFormatException.class).hasMessageContaining("observation.state[3]");
  }

  @Test
  void leftoversOfAnInterruptedCommitAreRemovedOnOpen(@TempDir Path dir) throws Exception {
    EpisodeRecorder r = open(dir);
    savedEpisode(r, 0, 2);
    // What a crash between the steps of a commit can leave behind.
    Files.copy(dir.resolve("data/chunk-000/file-000.parquet"), dir.resolve("data/chunk-000/file-001.parquet"));
    Files.writeString(dir.resolve("data/chunk-000/file-002.parquet.tmp"), "partial");
    Files.createDirectories(dir.resolve(".meta-000009/episodes"));
    EpisodeRecorder again = open(dir);
    assertThat(again.savedEpisodes()).isEqualTo(1);
    assertThat(dir.resolve("data/chunk-000/file-001.parquet")).doesNotExist();
    assertThat(dir.resolve("data/chunk-000/file-002.parquet.tmp")).doesNotExist();
    assertThat(dir.resolve(".meta-000009")).doesNotExist();
    savedEpisode(again, 0, 3);
    assertThat(LeRobotDataset.open(dir).size()).isEqualTo(2);
  }
}
