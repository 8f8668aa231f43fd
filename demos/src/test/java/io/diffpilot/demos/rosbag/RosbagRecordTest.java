package io.diffpilot.demos.rosbag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.diffpilot.core.Episode;
import io.diffpilot.demos.dataset.DatasetFormatException;
import io.diffpilot.demos.dataset.DemoDataset;
import io.diffpilot.ros1.testing.RoscoreExtension;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Bags written by Debian's real {@code rosbag record}, read back by {@link BagReader}. */
class RosbagRecordTest {

  @RegisterExtension static final RoscoreExtension core = new RoscoreExtension();
  @TempDir static Path dir;
  static RosTools ros;
  static Path bagFile;
  static String rosbagInfo;

  @BeforeAll
  static void recordABag() throws Exception {
    ros = new RosTools(core);
    ros.start("rostopic", "pub", "-r", "10", "/robot/obs", "std_msgs/Float32MultiArray",
        "{layout: {dim: [{label: 'x', size: 3, stride: 3}], data_offset: 0}, data: [1.0, 2.5, -3.0]}");
    ros.start("rostopic", "pub", "-r", "10", "/robot/cmd", "std_msgs/Float64MultiArray", "{data: [0.25, -0.75]}");
    ros.start("rostopic", "pub", "-r", "10", "/joint_states", "sensor_msgs/JointState",
        "{header: {frame_id: base}, name: [j1, j2], position: [0.1, 0.2], velocity: [], effort: []}");
    // Record only once all three publishers are registered with the master.
    long deadline = System.nanoTime() + 90_000_000_000L;
    while (true) {
      String topics = ros.output("rostopic", "list");
      if (topics.contains("/robot/obs") && topics.contains("/robot/cmd") && topics.contains("/joint_states")) {
        break;
      }
      assertThat(System.nanoTime()).as("publishers did not register: %s", topics).isLessThan(deadline);
      Thread.sleep(200);
    }
    bagFile = dir.resolve("demo.bag");
    // Plain, bz2 and lz4 recordings of the same topics, side by side.
    Process bz2 = ros.start("rosbag", "record", "--bz2", "--duration=3", "-O", dir.resolve("bz2.bag").toString(),
        "/robot/obs", "/robot/cmd", "/joint_states");
    Process lz4 = ros.start("rosbag", "record", "--lz4", "--duration=3", "-O", dir.resolve("lz4.bag").toString(),
        "/robot/obs", "/robot/cmd", "/joint_states");
    int rc = ros.run(120, "rosbag", "record", "--duration=4", "-O", bagFile.toString(),
        "/robot/obs", "/robot/cmd", "/joint_states");
    assertThat(rc).isZero();
    assertThat(bz2.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    assertThat(lz4.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    rosbagInfo = ros.output("rosbag", "info", bagFile.toString());
  }

  @AfterAll
  static void stopRos() throws InterruptedException {
    if (ros != null) {
      ros.close();
    }
  }

  @Test
  void readsConnectionsAndEveryMessageRosbagInfoCounts() {
    Bag bag = BagReader.read(bagFile);
    assertThat(bag.notes()).isEmpty();
    assertThat(bag.connectionsOn("/robot/obs")).singleElement()
        .satisfies(c -> assertThat(c.type()).isEqualTo("std_msgs/Float32MultiArray"))
        .satisfies(c -> assertThat(c.md5sum()).isEqualTo("6a40e0ffa6a17a503ac3f8616991b1f6"));
    assertThat(bag.connectionsOn("/joint_states").get(0).type()).isEqualTo("sensor_msgs/JointState");
    Matcher m = Pattern.compile("messages:\\s+(\\d+)").matcher(rosbagInfo);
    assertThat(m.find()).as(rosbagInfo).isTrue();
    assertThat((long) bag.messages().size()).isEqualTo(Long.parseLong(m.group(1)));
    assertThat(bag.count("/robot/obs")).isGreaterThan(10);
    for (int i = 1; i < bag.messages().size(); i++) {
      assertThat(bag.messages().get(i).timeNanos()).isGreaterThanOrEqualTo(bag.messages().get(i - 1).timeNanos());
    }
  }

  @Test
  void decodesTheThreeSupportedPayloads() {
    Bag bag = BagReader.read(bagFile);
    for (BagMessage msg : bag.messages()) {
      BagConnection c = bag.connections().get(msg.connection());
      float[] v = RosMessageDecoder.decode(c.type(), msg.data());
      switch (c.topic()) {
        case "/robot/obs" -> assertThat(v).containsExactly(1.0f, 2.5f, -3.0f);
        case "/robot/cmd" -> assertThat(v).containsExactly(0.25f, -0.75f);
        case "/joint_states" -> assertThat(v).containsExactly(0.1f, 0.2f);
        default -> throw new AssertionError(c.topic());
      }
    }
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"bz2", "lz4"})
  void readsCompressedBags(String compression) throws Exception {
    Path bag = dir.resolve(compression + ".bag");
    String info = ros.output("rosbag", "info", bag.toString());
    assertThat(info).containsPattern("compression:\\s+" + compression);
    Matcher m = Pattern.compile("messages:\\s+(\\d+)").matcher(info);
    assertThat(m.find()).as(info).isTrue();
    Bag read = BagReader.read(bag);
    assertThat((long) read.messages().size()).isEqualTo(Long.parseLong(m.group(1)));
    assertThat(read.count("/joint_states")).isGreaterThan(10);
    for (BagMessage msg : read.messages()) {
      BagConnection c = read.connections().get(msg.connection());
      if (c.topic().equals("/robot/obs")) {
        assertThat(RosMessageDecoder.decode(c.type(), msg.data())).containsExactly(1.0f, 2.5f, -3.0f);
      }
    }
  }

  @Test
  void importSamplesAtTheControlRate() {
    Map<String, String> obs = new LinkedHashMap<>();
    obs.put("obs", "/robot/obs");
    obs.put("joints", "/joint_states");
    // rostopic pub on a loaded machine can pause for a few hundred ms: the max age here is generous,
    // the stale-cut rule itself is tested deterministically in TopicAlignerTest.
    RosbagImporter.Result r = RosbagImporter.importBag(bagFile,
        RosbagImportConfig.of(obs, "/robot/cmd", 10.0).withTiming(1.0, 2.0));
    DemoDataset ds = r.dataset();
    assertThat(ds.size()).as(r.report().toString()).isEqualTo(1);
    Episode e = ds.episode(0);
    // ~4 s recorded at 10 Hz, less the time until all three topics have arrived.
    assertThat(e.length()).isBetween(15, 41);
    assertThat(e.timestampsSeconds()[1]).isEqualTo(0.1, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(e.observation("obs")[e.length() - 1]).containsExactly(1.0f, 2.5f, -3.0f);
    assertThat(e.observation("joints")[0]).containsExactly(0.1f, 0.2f);
    assertThat(e.actions()[0]).containsExactly(0.25f, -0.75f);
    assertThat(ds.schema().fps()).isEqualTo(10.0);
  }

  @Test
  void importAtAHigherRateHoldsTheLatestMessage() {
    // At 50 Hz each 10 Hz topic is held (zero-order hold) between its messages.
    RosbagImporter.Result r = RosbagImporter.importBag(bagFile,
        RosbagImportConfig.of(Map.of("obs", "/robot/obs"), "/robot/cmd", 50.0).withTiming(1.0, 2.0));
    assertThat(r.dataset().episode(0).length()).isGreaterThan(100);
    assertThat(r.report()).isEmpty();
  }

  @Test
  void cliImportsTheBagIntoALeRobotDataset(@TempDir Path tmp) {
    Path out = tmp.resolve("from-bag");
    java.io.StringWriter text = new java.io.StringWriter();
    picocli.CommandLine cl = new picocli.CommandLine(new io.diffpilot.demos.cli.DemosCommand());
    cl.setOut(new java.io.PrintWriter(text));
    cl.setErr(new java.io.PrintWriter(text));
    int code = cl.execute("import", "--from", "rosbag", bagFile.toString(), "--obs", "state=/joint_states",
        "--obs", "/robot/obs", "--action", "/robot/cmd", "--hz", "10", "--max-age", "1.0", "--gap", "2.0", "--task", "wave", "--out", out.toString());
    assertThat(code).as(text.toString()).isZero();
    io.diffpilot.demos.lerobot.LeRobotDataset ds = io.diffpilot.demos.lerobot.LeRobotDataset.open(out);
    assertThat(ds.schema().observations().keySet()).containsExactly("state", "robot_obs");
    assertThat(ds.episode(0).task()).isEqualTo("wave");
    assertThat(ds.episode(0).observation("state")[0]).containsExactly(0.1f, 0.2f);
    // JointState's joint names become the feature's names; the multi-arrays carry none.
    assertThat(ds.schema().observations().get("state").names()).containsExactly("j1", "j2");
    assertThat(ds.schema().observations().get("robot_obs").names()).isEmpty();
  }

  @Test
  void cliInfoListsTheBagsTopics() {
    java.io.StringWriter text = new java.io.StringWriter();
    picocli.CommandLine cl = new picocli.CommandLine(new io.diffpilot.demos.cli.DemosCommand());
    cl.setOut(new java.io.PrintWriter(text));
    assertThat(cl.execute("info", bagFile.toString())).isZero();
    assertThat(text.toString()).contains("/joint_states").contains("sensor_msgs/JointState")
        .containsPattern("/robot/cmd\\s+std_msgs/Float64MultiArray\\s+\\d+ msgs");
  }

  @Test
  void unknownTopicIsAClearError() {
    assertThatThrownBy(() -> RosbagImporter.importBag(bagFile,
        RosbagImportConfig.of(Map.of("obs", "/nope"), "/robot/cmd", 10.0)))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessageContaining("topic /nope").hasMessageContaining("/robot/obs");
  }

  @Test
  void truncatedBagWithoutIndexIsAClearError(@TempDir Path tmp) throws IOException {
    Path cut = tmp.resolve("cut.bag");
    Files.copy(bagFile, cut);
    long indexPos = indexPos(cut);
    truncate(cut, indexPos + 10);
    assertThatThrownBy(() -> BagReader.read(cut))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessageContaining(cut.toString())
        .hasMessageContaining("index is missing or cut off")
        .hasMessageContaining("rosbag reindex");
  }

  @Test
  void recoveryKeepsCompleteChunksAndSaysSo(@TempDir Path tmp) throws IOException {
    Path cut = tmp.resolve("cut.bag");
    Files.copy(bagFile, cut);
    truncate(cut, indexPos(cut) + 10);
    Bag recovered = BagReader.read(cut, true);
    assertThat(recovered.messages()).hasSameSizeAs(BagReader.read(bagFile).messages());
    assertThat(String.join("\n", recovered.notes())).contains("index is missing or cut off").contains("recovered 1 complete chunks");
  }

  @Test
  void recoveryOfABagCutInsideItsOnlyChunkKeepsNothingAndSaysSo(@TempDir Path tmp) throws IOException {
    Path cut = tmp.resolve("cut.bag");
    Files.copy(bagFile, cut);
    truncate(cut, indexPos(cut) / 2);
    assertThatThrownBy(() -> BagReader.read(cut, true))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessageContaining("no complete chunk");
  }

  /** index_pos from the bag header record (after the 13-byte magic line). */
  static long indexPos(Path bag) throws IOException {
    byte[] head = new byte[4096];
    try (var in = Files.newInputStream(bag)) {
      in.readNBytes(head, 0, head.length);
    }
    ByteBuffer b = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN);
    b.position(13);
    int headerLen = b.getInt();
    int end = b.position() + headerLen;
    while (b.position() < end) {
      int len = b.getInt();
      byte[] f = new byte[len];
      b.get(f);
      String s = new String(f, java.nio.charset.StandardCharsets.ISO_8859_1);
      if (s.startsWith("index_pos=")) {
        return ByteBuffer.wrap(f, 10, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
      }
    }
    throw new AssertionError("no index_pos");
  }

  static void truncate(Path file, long size) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.truncate(size);
    }
  }
}
