package io.diffpilot.demos.pusht;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.diffpilot.core.data.DatasetSection;
import io.diffpilot.demos.SharedData;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PushTCsvAdapterTest {

  private static DatasetSection section(Map<String, Object> values) {
    return new DatasetSection("pusht-csv", values, Path.of("."));
  }

  @Test
  void unknownKeysAreNamed() {
    assertThatThrownBy(() -> new PushTCsvAdapter().open(section(Map.of("type", "pusht-csv", "path", "x", "limt", 3))))
        .hasMessageContaining("'limt'");
  }

  @Test
  void readsThePapersNinetyTrainingEpisodesByDefault() throws Exception {
    Path csv = SharedData.pushtCsv();
    var paper = new PushTCsvAdapter().open(section(Map.of("type", "pusht-csv", "path", csv.toString())));
    assertThat(paper.size()).isEqualTo(PushTCsvDataset.PAPER_TRAIN_EPISODES);
    var some = new PushTCsvAdapter().open(section(Map.of("type", "pusht-csv", "path", csv.toString(), "first", 3,
        "limit", 2)));
    assertThat(some.size()).isEqualTo(2);
    assertThat(some.episode(0).index()).isEqualTo(3);
  }
}
