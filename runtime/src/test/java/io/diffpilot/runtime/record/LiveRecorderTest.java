package io.diffpilot.runtime.record;

import static org.assertj.core.api.Assertions.assertThat;

import io.diffpilot.core.ActionChunk;
import io.diffpilot.core.Episode;
import io.diffpilot.demos.dataset.DatasetSchema;
import io.diffpilot.demos.dataset.Feature;
import io.diffpilot.demos.lerobot.LeRobotDataset;
import io.diffpilot.demos.record.EpisodeRecorder;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LiveRecorderTest {

  @TempDir Path temp;
  final StringWriter log = new StringWriter();

  static final long MS = 1_000_000L;

  LiveRecorder open(Path dir) {
    DatasetSchema schema = new DatasetSchema(10, Map.of("state", Feature.observation("state", 2, List.of())),
        Feature.action(2, List.of()));
    return new LiveRecorder(EpisodeRecorder.open(dir, schema, "test", 200 * MS), "state", "demo", new PrintWriter(log, true));
  }

  @Test
  void newerChunkReplacesTheOlderFromItsStartAndTheLastActionIsHeld() {
    Path dir = temp.resolve("d");
    try (LiveRecorder r = open(dir)) {
      r.command("start");
      r.observation(0, new float[] {0, 0}); // before any chunk: no step
      r.chunk(new ActionChunk(100 * MS, 100 * MS, new float[][] {{1, 1}, {2, 2}, {3, 3}}, 1));
      r.observation(100 * MS, new float[] {1, 0});
      r.observation(200 * MS, new float[] {2, 0});
      r.chunk(new ActionChunk(400 * MS, 100 * MS, new float[][] {{7, 7}, {8, 8}}, 1));
      r.observation(300 * MS, new float[] {3, 0}); // the new chunk has not started: the old one runs
      r.observation(400 * MS, new float[] {4, 0});
      r.observation(500 * MS, new float[] {5, 0});
      r.observation(600 * MS, new float[] {6, 0}); // past the end: last action held
      assertThat(r.command("save")).isTrue();
    }
    Episode e = LeRobotDataset.open(dir).episode(0);
    assertThat(e.actions()).isDeepEqualTo(new float[][] {{1, 1}, {2, 2}, {3, 3}, {7, 7}, {8, 8}, {8, 8}});
    assertThat(e.length()).isEqualTo(6); // seven observations, the first before any chunk
    assertThat(e.observation("state")[0]).containsExactly(1, 0);
  }

  @Test
  void badCommandsAndMessagesAreCountedAndAnUnsavedEpisodeIsDiscardedOnClose() {
    Path dir = temp.resolve("d2");
    LiveRecorder r = open(dir);
    assertThat(r.command("jump")).isFalse();
    r.command("save"); // not recording: said, nothing happens
    r.command("start first");
    r.observation(0, new float[] {1, 1});
    r.action(10 * MS, new float[] {1, 1});
    r.action(20 * MS, new float[] {Float.NaN, 1});
    r.action(30 * MS, new float[] {1, 1, 1});
    r.malformed("topic", "garbage");
    r.command("start again"); // already recording: ignored, the episode goes on
    assertThat(r.recorder().steps()).isEqualTo(1);
    r.close();
    assertThat(r.badCommandCount()).isEqualTo(1);
    assertThat(r.malformedCount()).isEqualTo(1);
    assertThat(r.recorder().rejectedCounts()).containsEntry(EpisodeRecorder.Rejection.NOT_FINITE, 1L)
        .containsEntry(EpisodeRecorder.Rejection.WRONG_DIMENSION, 1L);
    assertThat(log.toString()).contains("unknown command 'jump'").contains("not recording").contains("already recording")
        .contains("discarded it (1 steps)");
    assertThat(r.savedEpisodes()).isZero(); // nothing committed: the dataset has no info.json yet
  }

  @Test
  void quitEndsTheWait() throws Exception {
    try (LiveRecorder r = open(temp.resolve("d3"))) {
      assertThat(r.awaitQuit(10)).isFalse();
      r.command("quit");
      assertThat(r.awaitQuit(10)).isTrue();
    }
  }
}
