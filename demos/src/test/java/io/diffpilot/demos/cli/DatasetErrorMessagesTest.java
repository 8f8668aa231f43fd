package io.diffpilot.demos.cli;

import static io.diffpilot.demos.cli.DemosCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.diffpilot.core.Episode;
import io.diffpilot.demos.SharedData;
import io.diffpilot.demos.cli.DemosCommandTest.Run;
import io.diffpilot.demos.dataset.DatasetSchema;
import io.diffpilot.demos.dataset.DemoDataset;
import io.diffpilot.demos.dataset.Feature;
import io.diffpilot.demos.lerobot.LeRobotWriter;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad datasets get one line naming the file and the problem, no Java class names, and exit 1. */
class DatasetErrorMessagesTest {

  /** Two 30 Hz episodes written as such. */
  static Path thirtyHz(Path dir) {
    List<Episode> eps = new java.util.ArrayList<>();
    for (int e = 0; e < 2; e++) {
      int n = 40;
      double[] t = new double[n];
      float[][] state = new float[n][];
      float[][] action = new float[n][];
      for (int k = 0; k < n; k++) {
        t[k] = k / 30.0;
        state[k] = new float[] {k, e};
        action[k] = new float[] {-k};
      }
      eps.add(new Episode(e, "reach", t, Map.of("state", state), action, Map.of()));
    }
    DatasetSchema schema = new DatasetSchema(30, Map.of("state", Feature.observation("state", 2, List.of("x", "y"))),
        Feature.action(1, List.of("u")));
    Path out = dir.resolve("thirty");
    LeRobotWriter.writeV30(DemoDataset.of("30 Hz", "", schema, eps), out);
    return out;
  }

  static void assertOneCleanLine(String err) {
    assertThat(err.strip()).as(err).doesNotContain("\n");
    assertThat(err).doesNotContainPattern("\\b(java|javax|com|org)\\.[a-z]+\\.").doesNotContain("Exception");
  }

  @Test
  void fpsThatDisagreesWithTheTimestampsFailsImportAndValidateNamingBothRates(@TempDir Path tmp) throws Exception {
    Path ds = thirtyHz(tmp);
    assertThat(run("validate", ds.toString()).code()).isZero();
    Path info = ds.resolve("meta/info.json");
    info.toFile().setWritable(true);
    Files.writeString(info, Files.readString(info).replace("\"fps\" : 30,", "\"fps\" : 15,"));
    Run validate = run("validate", ds.toString());
    assertThat(validate.code()).isEqualTo(1);
    assertThat(validate.err()).startsWith("INVALID: " + info).contains("(fps)").contains("15 declared")
        .contains("run at 30 Hz");
    assertOneCleanLine(validate.err());
    Run imported = run("import", "--from", "lerobot", ds.toString(), "--out", tmp.resolve("x").toString());
    assertThat(imported.code()).isEqualTo(1);
    assertThat(imported.err()).contains("15 declared").contains("30 Hz");
    assertOneCleanLine(imported.err());
    assertThat(tmp.resolve("x")).doesNotExist();
  }

  @Test
  void aTruncatedInfoJsonIsOneLineWithItsPlace(@TempDir Path tmp) throws Exception {
    Path ds = thirtyHz(tmp);
    Path info = ds.resolve("meta/info.json");
    info.toFile().setWritable(true);
    String text = Files.readString(info);
    Files.writeString(info, text.substring(0, text.length() / 2));
    for (Run r : List.of(run("validate", ds.toString()), run("info", ds.toString()),
        run("import", "--from", "lerobot", ds.toString(), "--out", tmp.resolve("y").toString()))) {
      assertThat(r.code()).isEqualTo(1);
      assertThat(r.err()).contains(info.toString()).contains("not valid JSON at line").contains("truncated");
      assertOneCleanLine(r.err());
    }
  }

  @Test
  void aTruncatedParquetFileIsOneLineWithoutJavaClassNames(@TempDir Path tmp) throws Exception {
    Path ds = thirtyHz(tmp);
    Path data = ds.resolve("data/chunk-000/file-000.parquet");
    try (FileChannel ch = FileChannel.open(data, StandardOpenOption.WRITE)) {
      ch.truncate(ch.size() / 2);
    }
    Run r = run("validate", ds.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains(data.toString()).contains("cannot be read as Parquet");
    assertOneCleanLine(r.err());
  }

  @Test
  void anUnwritableTargetIsOneLine(@TempDir Path tmp) {
    Run r = run("import", "--from", "lerobot", SharedData.repoPushT().toString(), "--limit", "1",
        "--out", "/proc/diffpilot-cannot-write-here");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).startsWith("error: cannot write /proc/diffpilot-cannot-write-here");
    assertOneCleanLine(r.err());
  }
}
