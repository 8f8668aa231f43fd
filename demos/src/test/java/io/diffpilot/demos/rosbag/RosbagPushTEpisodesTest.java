package io.diffpilot.demos.rosbag;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.diffpilot.core.Episode;
import io.diffpilot.demos.SharedData;
import io.diffpilot.demos.dataset.DemoDataset;
import io.diffpilot.demos.lerobot.LeRobotDataset;
import io.diffpilot.ros1.testing.RoscoreExtension;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three human Push-T episodes (the first three of data/pusht: 161, 118 and 141 steps) published
 * at 10 Hz by a rospy node with episode markers, recorded by Debian's real {@code rosbag record}
 * in this test, and imported back: every step must come back, paired with its own observation,
 * although each episode's last step goes out 3 ms early and one observation is recorded in the
 * same millisecond as the next (publish_pusht_episodes.py).
 */
class RosbagPushTEpisodesTest {

  @RegisterExtension static final RoscoreExtension core = new RoscoreExtension();

  @Test
  void threeRecordedEpisodesImportWithEveryStepPairedAsPublished(@TempDir Path dir) throws Exception {
    DemoDataset pusht = LeRobotDataset.open(SharedData.repoPushT()).slice(0, 3);
    Path episodes = writeEpisodes(pusht, dir.resolve("episodes.json"));
    Path script = dir.resolve("publish_pusht_episodes.py");
    try (InputStream in = getClass().getResourceAsStream("publish_pusht_episodes.py")) {
      Files.copy(in, script);
    }
    Path bag = dir.resolve("pusht.bag");
    try (RosTools ros = new RosTools(core)) {
      Process recorder = ros.start("rosbag", "record", "-O", bag.toString(), "/pusht/obs", "/pusht/action", "/pusht/episode");
      int rc = ros.run(240, "/usr/bin/python3", script.toString(), episodes.toString());
      assertThat(rc).as("publisher exit status (log under %s)", core.home()).isZero();
      stop(recorder);
      String info = ros.output("rosbag", "info", bag.toString());
      assertThat(info).containsPattern("/pusht/obs\\s+420 msgs").containsPattern("/pusht/action\\s+420 msgs")
          .containsPattern("/pusht/episode\\s+3 msgs");
    }
    RosbagImportConfig config = new RosbagImportConfig(Map.of("state", "/pusht/obs"), "/pusht/action", 10.0, 0.2, 1.0,
        "/pusht/episode", "push the T", false);
    RosbagImporter.Result result = RosbagImporter.importBag(bag, config);
    DemoDataset imported = result.dataset();
    assertThat(imported.size()).as(result.report().toString()).isEqualTo(3);
    for (int e = 0; e < 3; e++) {
      Episode got = imported.episode(e);
      Episode sent = pusht.episode(e);
      assertThat(got.length()).as("episode %d steps (report %s)", e, result.report()).isEqualTo(sent.length());
      assertThat(got.observation("state")).as("episode %d observations", e).isDeepEqualTo(sent.observation("state"));
      assertThat(got.actions()).as("episode %d actions", e).isDeepEqualTo(sent.actions());
      assertThat(got.timestampsSeconds()[got.length() - 1]).isEqualTo((got.length() - 1) / 10.0,
          org.assertj.core.data.Offset.offset(1e-9));
    }
    assertThat(imported.episode(0).length() + imported.episode(1).length() + imported.episode(2).length())
        .isEqualTo(161 + 118 + 141);
  }

  private static Path writeEpisodes(DemoDataset ds, Path file) throws IOException {
    ObjectMapper json = new ObjectMapper();
    ObjectNode root = json.createObjectNode();
    ArrayNode eps = root.putArray("episodes");
    for (int e = 0; e < ds.size(); e++) {
      ObjectNode ep = eps.addObject();
      ArrayNode obs = ep.putArray("obs");
      for (float[] row : ds.episode(e).observation("state")) {
        ArrayNode r = obs.addArray();
        for (float v : row) {
          r.add(v);
        }
      }
      ArrayNode act = ep.putArray("action");
      for (float[] row : ds.episode(e).actions()) {
        ArrayNode r = act.addArray();
        for (float v : row) {
          r.add(v);
        }
      }
    }
    json.writeValue(file.toFile(), root);
    return file;
  }

  /** SIGINT, as Ctrl-C: rosbag record then writes its index and renames pusht.bag.active. */
  private static void stop(Process recorder) throws IOException, InterruptedException {
    for (ProcessHandle h : recorder.descendants().toList()) {
      new ProcessBuilder("kill", "-INT", Long.toString(h.pid())).start().waitFor(5, TimeUnit.SECONDS);
    }
    new ProcessBuilder("kill", "-INT", Long.toString(recorder.pid())).start().waitFor(5, TimeUnit.SECONDS);
    assertThat(recorder.waitFor(60, TimeUnit.SECONDS)).as("rosbag record stopped on SIGINT").isTrue();
  }
}
