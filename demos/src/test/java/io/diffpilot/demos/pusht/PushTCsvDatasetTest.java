package io.diffpilot.demos.pusht;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.diffpilot.core.Episode;
import io.diffpilot.demos.dataset.DatasetFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PushTCsvDatasetTest {


  static PushTCsvDataset all;

  @BeforeAll
  static void loadAll() {
    all = PushTCsvDataset.load(io.diffpilot.demos.SharedData.pushtCsv());
  }

  @Test
  void importsAll206EpisodesWithTheirLengths() throws IOException {
    assertThat(all.size()).isEqualTo(206);
    assertThat(all.totalFrames()).isEqualTo(25_650);
    List<String> ends = Files.readAllLines(io.diffpilot.demos.SharedData.pushtCsv().resolve("episode_ends.csv"));
    for (int i = 0; i < 206; i++) {
      String[] row = ends.get(i + 1).split(",");
      assertThat(all.episode(i).index()).isEqualTo(Integer.parseInt(row[0]));
      assertThat(all.episode(i).length()).as("episode %d", i).isEqualTo(Integer.parseInt(row[3]));
    }
  }

  @Test
  void keypointObservationIsNineKeypointsThenAgentXy() {
    Episode e = all.episode(0);
    float[][] kp = e.observation("keypoints");
    float[][] state = e.observation("state");
    assertThat(kp[0]).hasSize(20);
    assertThat(state[0]).hasSize(5);
    assertThat(e.actionDim()).isEqualTo(2);
    // Row 0 of the CSV files.
    assertThat(state[0]).containsExactly(222.0f, 97.0f, 222.9938201904297f, 381.5990295410156f, 3.0079994201660156f);
    assertThat(kp[0][0]).isEqualTo(201.81350708007812f);
    assertThat(kp[0][17]).isEqualTo(386.4197998046875f);
    for (int t = 0; t < e.length(); t++) {
      assertThat(kp[t][18]).isEqualTo(state[t][0]);
      assertThat(kp[t][19]).isEqualTo(state[t][1]);
    }
    assertThat(e.actions()[0]).containsExactly(233.0f, 71.0f);
  }

  @Test
  void timestampsAreTenHertz() {
    Episode e = all.episode(3);
    assertThat(all.schema().fps()).isEqualTo(10.0);
    for (int t = 0; t < e.length(); t++) {
      assertThat(e.timestampsSeconds()[t]).isEqualTo(t / 10.0);
    }
  }

  @Test
  void paperTrainingSetIsTheFirst90Episodes() {
    PushTCsvDataset train = PushTCsvDataset.paperTrainingSet(io.diffpilot.demos.SharedData.pushtCsv());
    assertThat(train.size()).isEqualTo(90);
    assertThat(train.episode(89).index()).isEqualTo(89);
    assertThat(train.episode(89).actions()).isDeepEqualTo(all.episode(89).actions());
  }

  @Test
  void episodeRangeKeepsDemoIndices() {
    PushTCsvDataset some = PushTCsvDataset.load(io.diffpilot.demos.SharedData.pushtCsv(), 200, 50);
    assertThat(some.size()).isEqualTo(6);
    assertThat(some.episode(0).index()).isEqualTo(200);
    assertThat(some.episode(0).observation("keypoints")).isDeepEqualTo(all.episode(200).observation("keypoints"));
  }

  @Test
  void rangeBeyondTheFileIsAClearError() {
    java.nio.file.Path csv = io.diffpilot.demos.SharedData.pushtCsv(); // skips here without it, not inside the lambda
    assertThatThrownBy(() -> PushTCsvDataset.load(csv, 300, 5))
        .isInstanceOf(DatasetFormatException.class).hasMessageContaining("no such episodes");
  }

  @Test
  void malformedNumberNamesFileAndLine(@TempDir Path dir) throws IOException {
    copyFirstLines(dir, 400);
    List<String> rows = new ArrayList<>(Files.readAllLines(dir.resolve(PushTCsvDataset.REPLAY_CSV)));
    rows.set(150, rows.get(150).replaceFirst(",[^,]*,", ",abc,"));
    Files.write(dir.resolve(PushTCsvDataset.REPLAY_CSV), rows);
    assertThatThrownBy(() -> PushTCsvDataset.load(dir))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessageContaining(PushTCsvDataset.REPLAY_CSV).hasMessageContaining("line 151")
        .hasMessageContaining("'abc' is not a number");
  }

  @Test
  void skippedStepIsAClearError(@TempDir Path dir) throws IOException {
    copyFirstLines(dir, 400);
    for (String name : List.of(PushTCsvDataset.REPLAY_CSV, PushTCsvDataset.KEYPOINTS_CSV)) {
      List<String> rows = new ArrayList<>(Files.readAllLines(dir.resolve(name)));
      rows.remove(10);
      Files.write(dir.resolve(name), rows);
    }
    assertThatThrownBy(() -> PushTCsvDataset.load(dir))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessageContaining("line 11, episode 0").hasMessageContaining("step 9 was expected");
  }

  @Test
  void misalignedKeypointFileIsAClearError(@TempDir Path dir) throws IOException {
    copyFirstLines(dir, 400);
    List<String> rows = new ArrayList<>(Files.readAllLines(dir.resolve(PushTCsvDataset.KEYPOINTS_CSV)));
    rows.remove(5);
    Files.write(dir.resolve(PushTCsvDataset.KEYPOINTS_CSV), rows);
    assertThatThrownBy(() -> PushTCsvDataset.load(dir))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessageContaining(PushTCsvDataset.KEYPOINTS_CSV).hasMessageContaining("line 6");
  }

  static void copyFirstLines(Path dir, int lines) throws IOException {
    for (String name : List.of(PushTCsvDataset.REPLAY_CSV, PushTCsvDataset.KEYPOINTS_CSV)) {
      try (var s = Files.lines(io.diffpilot.demos.SharedData.pushtCsv().resolve(name))) {
        Files.write(dir.resolve(name), s.limit(lines).toList());
      }
    }
  }
}
