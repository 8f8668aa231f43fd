package io.diffpilot.tools.multimodal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("slow")
class ObstacleMultimodalityTest {

  @TempDir Path dir;

  @Test
  void diffusionPolicyPassesOnBothSidesWhereRegressionAveragesIntoTheObstacle() throws Exception {
    long start = System.nanoTime();
    ObstacleExperiment.Result r = ObstacleExperiment.testSize().run(dir, System.out);
    System.out.println(ObstacleExperiment.table(r));
    System.out.printf("wall %.1f s (train diffusion %.1f s, regression %.1f s)%n", (System.nanoTime() - start) / 1e9,
        r.diffusion().training().wallSeconds(), r.regression().training().wallSeconds());
    ModeCounts d = r.diffusion().counts();
    assertThat(d.total()).isEqualTo(100);
    assertThat(d.left()).as("diffusion LEFT").isGreaterThanOrEqualTo(25);
    assertThat(d.right()).as("diffusion RIGHT").isGreaterThanOrEqualTo(25);
    assertThat(d.collision()).as("diffusion COLLISION").isLessThanOrEqualTo(5);
    ModeCounts m = r.regression().counts();
    // The regressor fits the mean of the two modes: it may not keep both sides with few collisions.
    assertThat(m.minorityModeShare() >= 0.25 && m.collisionShare() <= 0.05).as("regression shows both modes: " + m).isFalse();
  }
}
