package io.diffpilot.runtime.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.diffpilot.core.EpisodeDataset;
import io.diffpilot.policy.model.PolicyConfig;
import io.diffpilot.policy.train.DatasetRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatasetLoadersTest {

  private static Path shared() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path c = p.resolve("shared");
      if (Files.isDirectory(c.resolve("data"))) {
        return c;
      }
      Path sibling = p.resolveSibling("shared");
      if (Files.isDirectory(sibling.resolve("data"))) {
        return sibling;
      }
    }
    throw new IllegalStateException("shared/ not found above " + Path.of("").toAbsolutePath());
  }

  @Test
  void trainingYamlReachesPushTDemonstrationsAndLeRobotThroughTheServiceRegistry() throws Exception {
    DatasetRegistry registry = DatasetRegistry.withBuiltins();
    assertThat(registry.types()).contains("synthetic", "pusht-csv", "lerobot");
    Path data = shared().resolve("data");
    EpisodeDataset pusht = registry.load(
        Map.of("type", "pusht-csv", "path", data.resolve("pusht").toString(), "limit", 3),
        PolicyConfig.pushTKeypoints(), Path.of("."));
    assertThat(pusht.size()).isEqualTo(3);
    assertThat(pusht.episode(0).observation("keypoints")[0]).hasSize(20);
    EpisodeDataset so101 = registry.load(
        Map.of("type", "lerobot", "path", data.resolve("lerobot-v3-so101").toString()),
        PolicyConfig.pushTKeypoints(), Path.of("."));
    assertThat(so101.size()).isEqualTo(4);
  }

  @Test
  void unknownKeysAndMissingPathAreNamed() {
    DatasetRegistry registry = DatasetRegistry.withBuiltins();
    assertThatThrownBy(() -> registry.load(Map.of("type", "pusht-csv", "path", "x", "limt", 3),
        PolicyConfig.pushTKeypoints(), Path.of("."))).hasMessageContaining("'limt'");
    assertThatThrownBy(() -> registry.load(Map.of("type", "lerobot"), PolicyConfig.pushTKeypoints(), Path.of(".")))
        .hasMessageContaining("missing 'path'");
  }
}
