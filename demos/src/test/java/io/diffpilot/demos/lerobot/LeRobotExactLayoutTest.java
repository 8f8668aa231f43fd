package io.diffpilot.demos.lerobot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.diffpilot.demos.SharedData;
import io.diffpilot.demos.dataset.DemoDataset;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.flatbuf.Field;
import org.apache.arrow.flatbuf.FixedSizeList;
import org.apache.arrow.flatbuf.Message;
import org.apache.arrow.flatbuf.Schema;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.KeyValue;
import org.apache.parquet.format.RowGroup;
import org.apache.parquet.format.SchemaElement;
import org.apache.parquet.format.Util;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our v3.0 and v2.1 output against what LeRobot writes. Footers are read here with Parquet's
 * reference Thrift structures (parquet-format) and Arrow schemas with Arrow's flatbuffer classes,
 * not with DuckDB, which writes our pages; the reference is the real LeRobot v3.0 dataset in
 * shared/data/lerobot-v3-so101 (written by LeRobot with pyarrow 22), re-exported by our writer.
 */
class LeRobotExactLayoutTest {

  static final String DATA = "data/chunk-000/file-000.parquet";
  static final String EPISODES = "meta/episodes/chunk-000/file-000.parquet";

  /** The footer, read straight from the file's last bytes. */
  static FileMetaData footer(Path file) throws IOException {
    byte[] b = Files.readAllBytes(file);
    int n = ByteBuffer.wrap(b, b.length - 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    assertThat(new String(b, b.length - 4, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("PAR1");
    assertThat(new String(b, 0, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("PAR1");
    return Util.readFileMetaData(new ByteArrayInputStream(b, b.length - 8 - n, n));
  }

  static Map<String, String> keyValues(FileMetaData md) {
    Map<String, String> kv = new LinkedHashMap<>();
    for (KeyValue e : md.getKey_value_metadata()) {
      kv.put(e.getKey(), e.getValue());
    }
    return kv;
  }

  /** The Arrow schema pyarrow reads from the footer. */
  static Schema arrowSchema(FileMetaData md) {
    byte[] raw = Base64.getDecoder().decode(keyValues(md).get("ARROW:schema"));
    ByteBuffer bb = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(bb.getInt(0)).as("IPC continuation marker").isEqualTo(0xFFFFFFFF);
    assertThat(bb.getInt(4) % 8).as("metadata padded to 8 bytes").isZero();
    assertThat(raw.length).isEqualTo(8 + bb.getInt(4));
    bb.position(8);
    Message m = Message.getRootAsMessage(bb.slice().order(ByteOrder.LITTLE_ENDIAN));
    return (Schema) m.header(new Schema());
  }

  /** "name: type" of every Arrow field, lists with their item type and size. */
  static Map<String, String> arrowTypes(Schema s) {
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < s.fieldsLength(); i++) {
      out.put(s.fields(i).name(), describe(s.fields(i)));
    }
    return out;
  }

  static String describe(Field f) {
    String type = org.apache.arrow.flatbuf.Type.name(f.typeType());
    if (f.typeType() == org.apache.arrow.flatbuf.Type.FixedSizeList) {
      type += "[" + ((FixedSizeList) f.type(new FixedSizeList())).listSize() + "]";
    }
    if (f.typeType() == org.apache.arrow.flatbuf.Type.FloatingPoint) {
      type += ((org.apache.arrow.flatbuf.FloatingPoint) f.type(new org.apache.arrow.flatbuf.FloatingPoint())).precision();
    }
    if (f.typeType() == org.apache.arrow.flatbuf.Type.Int) {
      type += ((org.apache.arrow.flatbuf.Int) f.type(new org.apache.arrow.flatbuf.Int())).bitWidth();
    }
    StringBuilder sb = new StringBuilder(type).append(f.nullable() ? "?" : "");
    for (int i = 0; i < f.childrenLength(); i++) {
      sb.append('<').append(f.children(i).name()).append(':').append(describe(f.children(i))).append('>');
    }
    return sb.toString();
  }

  /** Parquet schema elements by dotted path (the root left out). */
  static Map<String, SchemaElement> parquetSchema(FileMetaData md) {
    Map<String, SchemaElement> out = new LinkedHashMap<>();
    walk(md.getSchema(), new int[] {1}, md.getSchema().get(0).getNum_children(), "", out);
    return out;
  }

  private static void walk(List<SchemaElement> s, int[] i, int children, String prefix, Map<String, SchemaElement> out) {
    for (int c = 0; c < children; c++) {
      SchemaElement e = s.get(i[0]++);
      String path = prefix + e.getName();
      out.put(path, e);
      if (e.isSetNum_children()) {
        walk(s, i, e.getNum_children(), path + ".", out);
      }
    }
  }

  /** The so101 reference exported by our writer, v3.0. */
  static Path so101Export(Path tmp) {
    Path out = tmp.resolve("so101-v3");
    LeRobotWriter.writeV30(LeRobotDataset.open(SharedData.so101()), out);
    return out;
  }

  @Test
  void dataFileHasOneRowGroupPerEpisodeAndTheParquetAndArrowSchemaLeRobotWrites(@TempDir Path tmp) throws Exception {
    Path ours = so101Export(tmp);
    FileMetaData mine = footer(ours.resolve(DATA));
    FileMetaData lerobot = footer(SharedData.so101().resolve(DATA));
    assertThat(mine.getRow_groups()).extracting(RowGroup::getNum_rows).containsExactly(373L, 374L, 372L, 373L);
    assertThat(mine.getRow_groups()).extracting(RowGroup::getNum_rows)
        .containsExactlyElementsOf(lerobot.getRow_groups().stream().map(RowGroup::getNum_rows).toList());
    assertThat(mine.getNum_rows()).isEqualTo(1492);
    // Column for column the same Parquet schema elements (types, repetition, LIST annotations).
    Map<String, SchemaElement> a = parquetSchema(mine);
    Map<String, SchemaElement> b = parquetSchema(lerobot);
    assertThat(a.keySet()).containsExactlyInAnyOrderElementsOf(b.keySet());
    b.forEach((path, e) -> assertThat(a.get(path)).as(path).isEqualTo(e));
    // The Arrow schema: fixed_size_list<float>[6] for the vectors, int64 indices, float32 timestamp.
    assertThat(arrowTypes(arrowSchema(mine))).containsExactlyInAnyOrderEntriesOf(arrowTypes(arrowSchema(lerobot)));
    assertThat(arrowTypes(arrowSchema(mine)).get("action")).isEqualTo("FixedSizeList[6]?<item:FloatingPoint1?>");
    JsonNode hfMine = new ObjectMapper().readTree(keyValues(mine).get("huggingface"));
    JsonNode hfLeRobot = new ObjectMapper().readTree(keyValues(lerobot).get("huggingface"));
    assertThat(hfMine.get("info")).isEqualTo(hfLeRobot.get("info"));
    Schema arrow = arrowSchema(mine);
    assertThat(arrow.customMetadataLength()).isEqualTo(1);
    assertThat(arrow.customMetadata(0).key()).isEqualTo("huggingface");
  }

  @Test
  void episodeMetadataHasLeRobotsColumnsInItsOrderWithInt64Integers(@TempDir Path tmp) throws Exception {
    Path ours = so101Export(tmp);
    FileMetaData mine = footer(ours.resolve(EPISODES));
    FileMetaData lerobot = footer(SharedData.so101().resolve(EPISODES));
    Map<String, SchemaElement> a = parquetSchema(mine);
    Map<String, SchemaElement> b = new LinkedHashMap<>(parquetSchema(lerobot));
    // The reference's video features are not imported (their files are absent), so not written.
    b.keySet().removeIf(k -> k.contains("observation.images."));
    // Same columns; the fixed ones in LeRobot's order. The stats/ columns follow the features'
    // order, which is the dataset's own (LeRobot's features dict; DiffPilot's observations, then action).
    assertThat(a.keySet()).containsExactlyInAnyOrderElementsOf(b.keySet());
    List<String> fixed = List.of("episode_index", "tasks", "tasks.list", "tasks.list.element", "length",
        "data/chunk_index", "data/file_index", "dataset_from_index", "dataset_to_index");
    assertThat(new ArrayList<>(a.keySet()).subList(0, fixed.size())).containsExactlyElementsOf(fixed);
    assertThat(new ArrayList<>(b.keySet()).subList(0, fixed.size())).containsExactlyElementsOf(fixed);
    List<String> keysA = new ArrayList<>(a.keySet());
    assertThat(keysA.subList(keysA.size() - 2, keysA.size()))
        .containsExactly("meta/episodes/chunk_index", "meta/episodes/file_index");
    b.forEach((path, e) -> assertThat(a.get(path)).as(path).isEqualTo(e));
    assertThat(a.get("episode_index").getType()).isEqualTo(org.apache.parquet.format.Type.INT64);
    assertThat(a.get("length").getType()).isEqualTo(org.apache.parquet.format.Type.INT64);
    Map<String, String> arrowB = new LinkedHashMap<>(arrowTypes(arrowSchema(lerobot)));
    arrowB.keySet().removeIf(k -> k.contains("observation.images."));
    assertThat(arrowTypes(arrowSchema(mine))).containsExactlyInAnyOrderEntriesOf(arrowB);
  }

  /**
   * Per-episode statistics against the ones LeRobot computed for the same frames (its
   * RunningQuantileStats in numpy, float32 for the vectors, float64 for timestamps and indices):
   * every value, quantiles included, bit for bit.
   */
  @Test
  void perEpisodeStatisticsEqualTheOnesLeRobotComputed(@TempDir Path tmp) throws Exception {
    Path ours = so101Export(tmp);
    List<String> stats = List.of("min", "max", "mean", "std", "count", "q01", "q10", "q50", "q90", "q99");
    int compared = 0;
    try (Connection c = Duck.open(); Statement s = c.createStatement()) {
      for (String feature : List.of("action", "observation.state", "timestamp", "frame_index", "index")) {
        for (String stat : stats) {
          String col = Duck.ident("stats/" + feature + "/" + stat);
          String sql = "SELECT a." + col + ", b." + col + " FROM read_parquet(" + Duck.literal(ours.resolve(EPISODES)) + ") a JOIN read_parquet("
              + Duck.literal(SharedData.so101().resolve(EPISODES)) + ") b USING (episode_index) ORDER BY episode_index";
          try (ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
              double[] mine = numbers(r.getArray(1));
              double[] theirs = numbers(r.getArray(2));
              assertThat(mine).as("%s %s", feature, stat).hasSameSizeAs(theirs);
              for (int j = 0; j < mine.length; j++) {
                assertThat(mine[j]).as("%s %s[%d]", feature, stat, j).isEqualTo(theirs[j]);
                compared++;
              }
            }
          }
        }
      }
    }
    assertThat(compared).as("values compared: 4 episodes × (2 × 55 + 3 × 10)").isEqualTo(560);
  }

  @Test
  void statsJsonHasQuantilesCombinedAsLeRobotCombinesThem(@TempDir Path tmp) throws Exception {
    DemoDataset three = LeRobotDataset.open(SharedData.repoPushT()).slice(0, 3);
    Path out = tmp.resolve("pusht");
    LeRobotWriter.writeV30(three, out);
    JsonNode stats = new ObjectMapper().readTree(out.resolve("meta/stats.json").toFile());
    JsonNode action = stats.get("action");
    assertThat(action.get("count").get(0).asLong()).isEqualTo(161 + 118 + 141);
    try (Connection c = Duck.open(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT min(\"stats/action/q01\"[1]), max(\"stats/action/q99\"[1]),"
            + " min(\"stats/action/q50\"[1]), sum(\"stats/action/mean\"[1] * length) / sum(length)"
            + " FROM read_parquet(" + Duck.literal(out.resolve(EPISODES)) + ")")) {
      assertThat(r.next()).isTrue();
      // Lower quantiles: the smallest of the episodes'; upper: the largest (LeRobot #3804).
      assertThat(action.get("q01").get(0).asDouble()).isEqualTo(r.getDouble(1));
      assertThat(action.get("q99").get(0).asDouble()).isEqualTo(r.getDouble(2));
      assertThat(action.get("q50").get(0).asDouble()).isEqualTo(r.getDouble(3));
      assertThat(action.get("mean").get(0).asDouble()).isCloseTo(r.getDouble(4), within(1e-9));
    }
    for (String q : List.of("q01", "q10", "q50", "q90", "q99")) {
      assertThat(stats.get("observation.keypoints").get(q)).as(q).hasSize(20);
      assertThat(stats.get("frame_index").get(q)).as(q).hasSize(1);
    }
    assertThat(stats.get("frame_index").get("min").get(0).isIntegralNumber()).isTrue();
  }

  @Test
  void v21FilesCarryTheSequenceSchemaAndOneRowGroupEach(@TempDir Path tmp) throws Exception {
    DemoDataset three = LeRobotDataset.open(SharedData.repoPushT()).slice(0, 3);
    Path out = tmp.resolve("v21");
    LeRobotWriter.writeV21(three, out);
    FileMetaData md = footer(out.resolve("data/chunk-000/episode_000001.parquet"));
    assertThat(md.getRow_groups()).extracting(RowGroup::getNum_rows).containsExactly(118L);
    assertThat(arrowTypes(arrowSchema(md))).containsEntry("observation.keypoints", "FixedSizeList[20]?<item:FloatingPoint1?>")
        .containsEntry("index", "Int64?");
    assertThat(keyValues(md).get("huggingface")).contains("\"_type\":\"Sequence\"").contains("\"length\":20");
    // v2.1's per-episode stats have no quantiles (LeRobot added them with v3.0).
    JsonNode line = new ObjectMapper().readTree(Files.readAllLines(out.resolve("meta/episodes_stats.jsonl")).get(1));
    assertThat(line.at("/stats/action/count/0").asLong()).isEqualTo(118);
    assertThat(line.at("/stats/action").has("q01")).isFalse();
    assertThat(LeRobotDataset.open(out).checkMetadata()).isEmpty();
  }

  @Test
  void featureNamesSurviveImportAndExportInBothVersions(@TempDir Path tmp) throws Exception {
    LeRobotDataset so101 = LeRobotDataset.open(SharedData.so101());
    List<String> names = so101.schema().action().names();
    assertThat(names).hasSize(6).startsWith("shoulder_pan.pos");
    LeRobotWriter.writeV30(so101, tmp.resolve("v3"));
    LeRobotWriter.writeV21(LeRobotDataset.open(tmp.resolve("v3")), tmp.resolve("v21"));
    LeRobotDataset back = LeRobotDataset.open(tmp.resolve("v21"));
    assertThat(back.schema().action().names()).isEqualTo(names);
    assertThat(back.schema().observations().get("state").names()).isEqualTo(so101.schema().observations().get("state").names());
    JsonNode info = new ObjectMapper().readTree(tmp.resolve("v21/meta/info.json").toFile());
    assertThat(info.at("/features/action/names/5").asText()).isEqualTo("gripper.pos");
  }

  private static double[] numbers(Array a) throws java.sql.SQLException {
    Object[] v = (Object[]) a.getArray();
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = ((Number) v[i]).doubleValue();
    }
    return out;
  }
}
