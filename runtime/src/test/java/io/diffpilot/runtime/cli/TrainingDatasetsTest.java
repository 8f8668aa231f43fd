package io.diffpilot.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.diffpilot.core.Episode;
import io.diffpilot.core.EpisodeDataset;
import io.diffpilot.demos.SharedData;
import io.diffpilot.policy.model.PolicyConfig;
import io.diffpilot.policy.normalize.LinearNormalizer;
import io.diffpilot.policy.train.DatasetRegistry;
import io.diffpilot.policy.train.TrainingWindows;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The trainer's {@link DatasetRegistry} (policy) on the class path {@code diffpilot train} runs
 * with: it finds demos' dataset adapters through core's interface alone. The adapters' own keys
 * and errors are tested in demos ({@code LeRobotAdapterTest}, {@code PushTCsvAdapterTest}).
 */
class TrainingDatasetsTest {

  @Test
  void trainingYamlReachesTheRepositoryPushTDemonstrationsThroughTheServiceRegistry() throws Exception {
    DatasetRegistry registry = DatasetRegistry.withBuiltins();
    assertThat(registry.types()).contains("synthetic", "pusht-csv", "lerobot");
    EpisodeDataset pusht = registry.load(
        Map.of("type", "lerobot", "path", SharedData.repoPushT().toString(), "first", 5, "limit", 3),
        PolicyConfig.pushTKeypoints(), Path.of("."));
    assertThat(pusht.size()).isEqualTo(3);
    assertThat(pusht.episode(0).index()).isEqualTo(5);
    assertThat(pusht.episode(0).observation("keypoints")[0]).hasSize(20);
    assertThat(registry.load(Map.of("type", "lerobot", "path", SharedData.repoPushT().toString()),
        PolicyConfig.pushTKeypoints(), Path.of(".")).size()).isEqualTo(206);
  }

  /**
   * The shipped model's config reads the repository copy ({@code type: lerobot, first: 0, limit:
   * 90}); it must train on exactly what the CSV originals gave: the same episodes, frame by frame
   * (timestamps as the float32 LeRobot stores), and the same normalised training windows.
   */
  @Test
  void repositoryCopyFirst90GivesTheSameEpisodesAndWindowsAsTheCsvOriginals() throws Exception {
    Path csvOriginals = SharedData.pushtCsv();
    DatasetRegistry registry = DatasetRegistry.withBuiltins();
    PolicyConfig config = PolicyConfig.pushTKeypoints();
    EpisodeDataset lerobot = registry.load(
        Map.of("type", "lerobot", "path", SharedData.repoPushT().toString(), "first", 0, "limit", 90), config, Path.of("."));
    EpisodeDataset csv = registry.load(
        Map.of("type", "pusht-csv", "path", csvOriginals.toString(), "first", 0, "limit", 90), config, Path.of("."));
    assertThat(lerobot.size()).isEqualTo(csv.size()).isEqualTo(90);
    long frames = 0;
    for (int i = 0; i < csv.size(); i++) {
      Episode a = lerobot.episode(i);
      Episode b = csv.episode(i);
      assertThat(a.index()).isEqualTo(b.index());
      assertThat(a.task()).isEqualTo(b.task());
      // LeRobot stores timestamps as float32 (0.1 → 0.100000001); the CSV path computes step / 10.
      for (int t = 0; t < b.length(); t++) {
        assertThat((float) a.timestampsSeconds()[t]).isEqualTo((float) b.timestampsSeconds()[t]);
      }
      assertThat(a.actions()).isDeepEqualTo(b.actions());
      assertThat(a.observations().keySet()).isEqualTo(b.observations().keySet());
      for (String name : b.observations().keySet()) {
        assertThat(a.observation(name)).as("episode %d %s", i, name).isDeepEqualTo(b.observation(name));
      }
      frames += a.length();
    }
    assertThat(frames).as("frames of episodes 0..89, from episode_ends.csv").isEqualTo(10_867);
    LinearNormalizer na = LinearNormalizer.fit(lerobot, config.policy().obsKey());
    LinearNormalizer nb = LinearNormalizer.fit(csv, config.policy().obsKey());
    assertThat(na).isEqualTo(nb);
    TrainingWindows wa = new TrainingWindows(lerobot, config.policy(), na);
    TrainingWindows wb = new TrainingWindows(csv, config.policy(), nb);
    assertThat(wa.size()).isEqualTo(wb.size());
    for (int w = 0; w < wb.size(); w++) {
      assertThat(wa.window(w).globalCond()).containsExactly(wb.window(w).globalCond());
      assertThat(wa.window(w).actions()).containsExactly(wb.window(w).actions());
    }
  }
}
