package io.diffpilot.demos.lerobot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.diffpilot.core.Episode;
import io.diffpilot.demos.SharedData;
import io.diffpilot.demos.dataset.DatasetFormatException;
import io.diffpilot.demos.dataset.DemoDataset;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.stream.Stream;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeRobotDatasetTest {

  static final String DATA_FILE = "data/chunk-000/file-000.parquet";
  private static LeRobotDataset so101;

  /** The real SO-101 dataset (shared reference copy); the calling test skips without it. */
  static LeRobotDataset so101() {
    if (so101 == null) {
      so101 = LeRobotDataset.open(SharedData.so101());
    }
    return so101;
  }

  @Test
  void readsTheRealSo101V3Dataset() {
    assertThat(so101().version()).isEqualTo("v3.0");
    assertThat(so101().size()).isEqualTo(4);
    assertThat(so101().totalFrames()).isEqualTo(1492);
    assertThat(so101().schema().fps()).isEqualTo(30.0);
    assertThat(so101().robotType()).isEqualTo("so101_follower");
    assertThat(so101().schema().observations().keySet()).containsExactly("state");
    assertThat(so101().schema().observations().get("state").names()).startsWith("shoulder_pan.pos").hasSize(6);
    assertThat(so101().schema().action().dim()).isEqualTo(6);
    assertThat(new int[] {so101().episode(0).length(), so101().episode(1).length(), so101().episode(2).length(),
        so101().episode(3).length()}).containsExactly(373, 374, 372, 373);
    Episode e = so101().episode(0);
    assertThat(e.task()).isEqualTo("Pick the orange cube and place it in the box");
    assertThat(e.actions()[0]).containsExactly(-6.891271f, -98.28291f, 99.63948f, 76.91321f, -56.3894f, 4.5052295f);
    assertThat(e.observation("state")[1][2]).isEqualTo(68.34467f);
    assertThat(e.timestampsSeconds()[1]).isEqualTo((double) 0.033333335f);
  }

  @Test
  void metadataOfTheRealDatasetAndOfOurExportsIsConsistent(@TempDir Path tmp) {
    assertThat(so101().checkMetadata()).isEmpty();
    LeRobotWriter.writeV30(so101(), tmp.resolve("v3"));
    LeRobotWriter.writeV21(so101(), tmp.resolve("v21"));
    assertThat(LeRobotDataset.open(tmp.resolve("v3")).checkMetadata()).isEmpty();
    assertThat(LeRobotDataset.open(tmp.resolve("v21")).checkMetadata()).isEmpty();
  }

  @Test
  void statsThatDisagreeWithTheDataAreReported(@TempDir Path tmp) throws Exception {
    Path copy = copyOf(SharedData.so101(), tmp.resolve("so101"));
    Path stats = copy.resolve("meta/stats.json");
    Files.writeString(stats, Files.readString(stats).replaceFirst("\"action\": \\{", "\"action_old\": {"));
    assertThat(LeRobotDataset.open(copy).checkMetadata()).singleElement().asString()
        .contains(stats.toString()).contains("(action): no statistics");
  }

  @Test
  void absentVideoFeaturesAreNamedNotSilentlyDropped() {
    assertThat(so101().notes()).hasSize(2);
    assertThat(so101().notes().get(0)).contains("observation.images.front").contains("absent");
    assertThat(so101().notes().get(1)).contains("observation.images.top");
  }

  @Test
  void so101RoundTripsThroughV3Export(@TempDir Path tmp) {
    Path out = tmp.resolve("so101-copy");
    LeRobotWriter.writeV30(so101(), out);
    LeRobotDataset back = LeRobotDataset.open(out);
    assertSameEpisodes(back, so101());
    assertThat(back.schema()).isEqualTo(so101().schema());
    assertThat(back.robotType()).isEqualTo("so101_follower");
    assertThat(back.notes()).isEmpty();
  }

  @Test
  void v3ExportHasLeRobotsLayout(@TempDir Path tmp) throws Exception {
    Path out = tmp.resolve("pusht");
    LeRobotWriter.writeV30(LeRobotDataset.open(SharedData.repoPushT()).slice(0, 3), out);
    for (String f : new String[] {"meta/info.json", "meta/stats.json", "meta/tasks.parquet",
        "meta/episodes/chunk-000/file-000.parquet", DATA_FILE}) {
      assertThat(out.resolve(f)).isRegularFile();
    }
    JsonNode info = new ObjectMapper().readTree(out.resolve("meta/info.json").toFile());
    assertThat(info.get("codebase_version").asText()).isEqualTo("v3.0");
    assertThat(info.get("fps").asInt()).isEqualTo(10);
    assertThat(info.get("total_episodes").asInt()).isEqualTo(3);
    assertThat(info.at("/features/observation.keypoints/shape/0").asInt()).isEqualTo(20);
    JsonNode stats = new ObjectMapper().readTree(out.resolve("meta/stats.json").toFile());
    assertThat(stats.at("/action/count/0").asLong()).isEqualTo(161 + 118 + info.get("total_frames").asLong() - 279);
    try (Connection c = Duck.open(); Statement s = c.createStatement()) {
      try (ResultSet r = s.executeQuery("SELECT typeof(\"observation.keypoints\") FROM read_parquet("
          + Duck.literal(out.resolve(DATA_FILE)) + ") LIMIT 1")) {
        assertThat(r.next()).isTrue();
        assertThat(r.getString(1)).isEqualTo("FLOAT[]");
      }
      try (ResultSet r = s.executeQuery("SELECT dataset_from_index, dataset_to_index FROM read_parquet("
          + Duck.literal(out.resolve("meta/episodes/chunk-000/file-000.parquet")) + ") WHERE episode_index = 1")) {
        assertThat(r.next()).isTrue();
        assertThat(r.getLong(1)).isEqualTo(161);
        assertThat(r.getLong(2)).isEqualTo(279);
      }
      try (ResultSet r = s.executeQuery("SELECT decode(value) FROM parquet_kv_metadata("
          + Duck.literal(out.resolve(DATA_FILE)) + ") WHERE decode(key) = 'huggingface'")) {
        assertThat(r.next()).isTrue();
        assertThat(r.getString(1)).contains("\"observation.keypoints\":{\"feature\":{\"dtype\":\"float32\"")
            .contains("\"length\":20");
      }
      try (ResultSet r = s.executeQuery("SELECT decode(value) FROM parquet_kv_metadata("
          + Duck.literal(out.resolve("meta/tasks.parquet")) + ") WHERE decode(key) = 'pandas'")) {
        assertThat(r.next()).isTrue();
        assertThat(r.getString(1)).contains("\"index_columns\": [\"__index_level_0__\"]");
      }
    }
  }

  @Test
  void v21ExportReadsBack(@TempDir Path tmp) {
    DemoDataset pusht = LeRobotDataset.open(SharedData.repoPushT()).slice(0, 3);
    Path out = tmp.resolve("v21");
    LeRobotWriter.writeV21(pusht, out);
    assertThat(out.resolve("data/chunk-000/episode_000002.parquet")).isRegularFile();
    assertThat(out.resolve("meta/episodes.jsonl")).isRegularFile();
    assertThat(out.resolve("meta/episodes_stats.jsonl")).isRegularFile();
    LeRobotDataset back = LeRobotDataset.open(out);
    assertThat(back.version()).isEqualTo("v2.1");
    assertThat(back.size()).isEqualTo(3);
    for (int i = 0; i < 3; i++) {
      assertThat(back.episode(i).observation("keypoints")).isDeepEqualTo(pusht.episode(i).observation("keypoints"));
      assertThat(back.episode(i).actions()).isDeepEqualTo(pusht.episode(i).actions());
      assertThat(back.episode(i).timestampsSeconds()[5]).isEqualTo((double) 0.5f);
    }
  }

  /** A v2.1 dataset written by hand from LeRobot's format description, not by our writer. */
  @Test
  void readsAHandWrittenV21Fixture(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("meta"));
    Files.createDirectories(dir.resolve("data/chunk-000"));
    Files.writeString(dir.resolve("meta/info.json"), """
        {"codebase_version": "v2.1", "robot_type": "toy", "total_episodes": 2, "total_frames": 5,
         "total_tasks": 1, "total_videos": 0, "total_chunks": 1, "chunks_size": 1000, "fps": 20,
         "splits": {"train": "0:2"},
         "data_path": "data/chunk-{episode_chunk:03d}/episode_{episode_index:06d}.parquet",
         "video_path": null,
         "features": {
           "observation.state": {"dtype": "float32", "shape": [2], "names": {"motors": ["a", "b"]}},
           "action": {"dtype": "float32", "shape": [1], "names": ["u"]},
           "next.reward": {"dtype": "float32", "shape": [1], "names": null},
           "timestamp": {"dtype": "float32", "shape": [1], "names": null},
           "frame_index": {"dtype": "int64", "shape": [1], "names": null},
           "episode_index": {"dtype": "int64", "shape": [1], "names": null},
           "index": {"dtype": "int64", "shape": [1], "names": null},
           "task_index": {"dtype": "int64", "shape": [1], "names": null}}}
        """);
    Files.writeString(dir.resolve("meta/episodes.jsonl"),
        "{\"episode_index\": 0, \"tasks\": [\"reach\"], \"length\": 3}\n{\"episode_index\": 1, \"tasks\": [\"reach\"], \"length\": 2}\n");
    Files.writeString(dir.resolve("meta/tasks.jsonl"), "{\"task_index\": 0, \"task\": \"reach\"}\n");
    try (Connection c = Duck.open(); Statement s = c.createStatement()) {
      s.execute("COPY (SELECT * FROM (VALUES ([0.0, 1.0]::FLOAT[], [0.5]::FLOAT[], [0.0]::FLOAT[], 0.0::FLOAT, 0::BIGINT, 0::BIGINT, 0::BIGINT, 0::BIGINT),"
          + " ([0.1, 1.1], [0.6], [0.0], 0.05, 1, 0, 1, 0), ([0.2, 1.2], [0.7], [1.0], 0.1, 2, 0, 2, 0))"
          + " AS t(\"observation.state\", action, \"next.reward\", timestamp, frame_index, episode_index, \"index\", task_index))"
          + " TO " + Duck.literal(dir.resolve("data/chunk-000/episode_000000.parquet")) + " (FORMAT parquet)");
      s.execute("COPY (SELECT * FROM (VALUES ([5.0, 6.0]::FLOAT[], [-1.0]::FLOAT[], [0.0]::FLOAT[], 0.0::FLOAT, 0::BIGINT, 1::BIGINT, 3::BIGINT, 0::BIGINT),"
          + " ([5.5, 6.5], [-2.0], [0.0], 0.05, 1, 1, 4, 0))"
          + " AS t(\"observation.state\", action, \"next.reward\", timestamp, frame_index, episode_index, \"index\", task_index))"
          + " TO " + Duck.literal(dir.resolve("data/chunk-000/episode_000001.parquet")) + " (FORMAT parquet)");
    }
    LeRobotDataset ds = LeRobotDataset.open(dir);
    assertThat(ds.size()).isEqualTo(2);
    assertThat(ds.schema().fps()).isEqualTo(20.0);
    assertThat(ds.schema().observations().get("state").names()).containsExactly("a", "b");
    assertThat(ds.episode(0).observation("state")[2]).containsExactly(0.2f, 1.2f);
    assertThat(ds.episode(1).actions()[1]).containsExactly(-2.0f);
    assertThat(ds.episode(1).task()).isEqualTo("reach");
    assertThat(ds.notes()).singleElement().asString().contains("next.reward");
  }

  @Test
  void truncatedParquetNamesTheFile(@TempDir Path tmp) throws IOException {
    Path copy = copyOf(SharedData.so101(), tmp.resolve("so101"));
    Path data = copy.resolve(DATA_FILE);
    try (FileChannel ch = FileChannel.open(data, StandardOpenOption.WRITE)) {
      ch.truncate(ch.size() / 2);
    }
    assertThatThrownBy(() -> LeRobotDataset.open(copy))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessageContaining(data.toString())
        .hasMessageContaining("cannot be read as Parquet");
  }

  @Test
  void wrongVectorWidthNamesEpisodeFrameAndColumn(@TempDir Path tmp) throws Exception {
    openingRewritten(tmp, "* REPLACE (CASE WHEN \"index\" = 400 THEN action[1:5] ELSE action END AS action)", "")
        .hasMessageContaining(DATA_FILE)
        .hasMessageContaining("episode 1, frame 27, column action")
        .hasMessageContaining("width 5, info.json declares 6");
  }

  @Test
  void nonMonotonicTimestampNamesEpisodeAndFrame(@TempDir Path tmp) throws Exception {
    openingRewritten(tmp, "* REPLACE (CASE WHEN \"index\" = 1200 THEN 0.5::FLOAT ELSE timestamp END AS timestamp)", "")
        .hasMessageContaining("episode 3, frame 81, column timestamp")
        .hasMessageContaining("not increasing");
  }

  @Test
  void globalIndexThatDisagreesWithTheEpisodeMetadataIsAnError(@TempDir Path tmp) throws Exception {
    openingRewritten(tmp, "* REPLACE (CASE WHEN \"index\" = 800 THEN 5000 ELSE \"index\" END AS \"index\")", "")
        .hasMessageContaining("episode 2, frame 53, column index");
  }

  @Test
  void missingFramesAreAnErrorNotAShortEpisode(@TempDir Path tmp) throws Exception {
    openingRewritten(tmp, "*", " WHERE \"index\" < 1400")
        .hasMessageContaining("episode 3").hasMessageContaining("281 frames in the file, the episode metadata says 373");
  }

  @Test
  void writerRefusesANonEmptyTarget(@TempDir Path tmp) throws IOException {
    Files.writeString(tmp.resolve("keep.txt"), "x");
    // The repository's own data, opened outside the lambda: the refusal is what is under test.
    DemoDataset pusht = LeRobotDataset.open(SharedData.repoPushT()).slice(0, 1);
    assertThatThrownBy(() -> LeRobotWriter.writeV30(pusht, tmp)).hasMessageContaining("not empty");
    assertThat(tmp.resolve("keep.txt")).hasContent("x");
  }

  /** Asserts that opening a copy of so101, its data rewritten by {@link #rewriteData}, is a format error. */
  private static AbstractThrowableAssert<?, ? extends Throwable> openingRewritten(Path tmp, String select, String where)
      throws Exception {
    Path copy = copyOf(SharedData.so101(), tmp.resolve("so101"));
    rewriteData(copy, select, where);
    return assertThatThrownBy(() -> LeRobotDataset.open(copy)).isInstanceOf(DatasetFormatException.class);
  }

  static void assertSameEpisodes(DemoDataset actual, DemoDataset expected) {
    assertThat(actual.size()).isEqualTo(expected.size());
    for (int i = 0; i < expected.size(); i++) {
      Episode a = actual.episode(i);
      Episode e = expected.episode(i);
      assertThat(a.index()).isEqualTo(e.index());
      assertThat(a.task()).isEqualTo(e.task());
      assertThat(a.timestampsSeconds()).containsExactly(e.timestampsSeconds());
      assertThat(a.actions()).isDeepEqualTo(e.actions());
      assertThat(a.observations().keySet()).containsExactlyElementsOf(e.observations().keySet());
      for (String k : e.observations().keySet()) {
        assertThat(a.observation(k)).isDeepEqualTo(e.observation(k));
      }
    }
  }

  static Path copyOf(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
          target.toFile().setWritable(true);
        }
      }
    }
    return to;
  }

  /** Rewrites the copy's data file as SELECT {@code select} FROM the original {@code where}. */
  static void rewriteData(Path copy, String select, String where) throws SQLException, IOException {
    Path data = copy.resolve(DATA_FILE);
    Files.delete(data);
    try (Connection c = Duck.open(); Statement s = c.createStatement()) {
      s.execute("COPY (SELECT " + select + " FROM read_parquet(" + Duck.literal(SharedData.so101().resolve(DATA_FILE)) + ")" + where
          + ") TO " + Duck.literal(data) + " (FORMAT parquet)");
    }
  }
}
