package io.diffpilot.demos.lerobot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.diffpilot.core.EpisodeDataset;
import io.diffpilot.core.data.DatasetAdapter;
import io.diffpilot.core.data.DatasetSection;
import io.diffpilot.demos.SharedData;
import java.nio.file.Path;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class LeRobotAdapterTest {

  private static EpisodeDataset open(DatasetAdapter adapter, Map<String, Object> values) throws Exception {
    return adapter.open(new DatasetSection(adapter.type(), values, Path.of(".")));
  }

  @Test
  void demosRegistersItsAdaptersWithTheServiceLoader() {
    assertThat(ServiceLoader.load(DatasetAdapter.class).stream().map(p -> p.get().type()))
        .containsExactly("pusht-csv", "lerobot");
  }

  @Test
  void selectsEpisodesByPositionFromTheRepositoryPushTDemonstrations() throws Exception {
    EpisodeDataset pusht = open(new LeRobotAdapter(),
        Map.of("type", "lerobot", "path", SharedData.repoPushT().toString(), "first", 5, "limit", 3));
    assertThat(pusht.size()).isEqualTo(3);
    assertThat(pusht.episode(0).index()).isEqualTo(5);
    assertThat(pusht.episode(0).observation("keypoints")[0]).hasSize(20);
    assertThat(open(new LeRobotAdapter(), Map.of("type", "lerobot", "path", SharedData.repoPushT().toString())).size())
        .isEqualTo(206);
  }

  @Test
  void pathResolvesAgainstTheYamlFilesDirectory() throws Exception {
    Path repo = SharedData.repoPushT().getParent().getParent();
    EpisodeDataset pusht = new LeRobotAdapter().open(new DatasetSection("lerobot",
        Map.of("type", "lerobot", "path", "../../data/pusht", "limit", 2), repo.resolve("models/pusht-keypoints")));
    assertThat(pusht.size()).isEqualTo(2);
  }

  @Test
  void theRealSo101DatasetLoadsWhenTheSharedCopyIsPresent() throws Exception {
    Path so101 = SharedData.so101();
    assertThat(open(new LeRobotAdapter(), Map.of("type", "lerobot", "path", so101.toString())).size()).isEqualTo(4);
  }

  @Test
  void missingPathAndAnOutOfRangeFirstAreNamed() {
    assertThatThrownBy(() -> open(new LeRobotAdapter(), Map.of("type", "lerobot")))
        .hasMessageContaining("missing 'path'");
    assertThatThrownBy(() -> open(new LeRobotAdapter(),
        Map.of("type", "lerobot", "path", SharedData.repoPushT().toString(), "first", 206)))
        .hasMessageContaining("first episode 206 is outside");
  }
}
