package io.diffpilot.demos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.diffpilot.demos.SharedData;
import io.diffpilot.demos.lerobot.LeRobotDataset;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Smoke tests of every {@code diffpilot demos} command at tiny size. */
class DemosCommandTest {


  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = new CommandLine(new DemosCommand());
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int code = cl.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void infoPrintsEpisodesFramesFeaturesAndFps() {
    Run r = run("info", SharedData.so101().toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("format:     LeRobot v3.0").contains("episodes:   4").contains("frames:     1492")
        .contains("fps:        30.0").contains("observation.state").contains("-> observation 'state'")
        .contains("note: video feature 'observation.images.front'");
  }

  @Test
  void importPushTCsvRangeThenInfoAndValidate(@TempDir Path tmp) {
    Path out = tmp.resolve("pusht");
    Run r = run("import", "--from", "pusht-csv", SharedData.pushtCsv().toString(), "--first", "0", "--limit", "3", "--out", out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("3 episodes");
    assertThat(LeRobotDataset.open(out).size()).isEqualTo(3);
    Run v = run("validate", out.toString());
    assertThat(v.code()).as(v.err()).isZero();
    assertThat(v.out()).startsWith("OK: ");
  }

  @Test
  void importLeRobotThenExportV21(@TempDir Path tmp) {
    Path a = tmp.resolve("a");
    Path b = tmp.resolve("b");
    assertThat(run("import", "--from", "lerobot", SharedData.so101().toString(), "--out", a.toString()).code()).isZero();
    Run r = run("export", a.toString(), "--out", b.toString(), "--format", "v2.1");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(LeRobotDataset.open(b).version()).isEqualTo("v2.1");
    assertThat(LeRobotDataset.open(b).totalFrames()).isEqualTo(1492);
  }

  @Test
  void importAndExportTakeTheCompressionInEitherCaseAndRejectOthers(@TempDir Path tmp) {
    Path a = tmp.resolve("a");
    Run r = run("import", "--from", "lerobot", SharedData.repoPushT().toString(), "--limit", "2", "--compression", "ZSTD",
        "--out", a.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(LeRobotDataset.open(a).size()).isEqualTo(2);
    Run bad = run("export", a.toString(), "--out", tmp.resolve("b").toString(), "--compression", "gzip");
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).contains("'gzip' is not snappy or zstd");
  }

  @Test
  void validateReportsTheFileAndPlaceOfAProblem(@TempDir Path tmp) throws Exception {
    Path a = tmp.resolve("a");
    assertThat(run("import", "--from", "lerobot", SharedData.repoPushT().toString(), "--limit", "2", "--out", a.toString()).code()).isZero();
    Path data = a.resolve("data/chunk-000/file-000.parquet");
    try (FileChannel ch = FileChannel.open(data, StandardOpenOption.WRITE)) {
      ch.truncate(ch.size() - 100);
    }
    Run v = run("validate", a.toString());
    assertThat(v.code()).isEqualTo(1);
    assertThat(v.err()).contains("INVALID").contains(data.toString());
  }

  @Test
  void importRejectsAnUnknownSource(@TempDir Path tmp) {
    Run r = run("import", "--from", "hdf5", SharedData.repoPushT().toString(), "--out", tmp.resolve("x").toString());
    assertThat(r.code()).isNotZero();
    assertThat(r.err()).contains("--from");
  }

  @Test
  void replayPushTEpisodeWritesAnAnimatedGif(@TempDir Path tmp) throws Exception {
    assertReplayGif(SharedData.repoPushT(), 1, 96, 4, tmp.resolve("ep.gif"), "Push-T scene", (118 + 3) / 4);
  }

  @Test
  void replayOtherRobotsPlotsTheirActions(@TempDir Path tmp) throws Exception {
    assertReplayGif(SharedData.so101(), 2, 64, 50, tmp.resolve("so.gif"), "action plot", (372 + 49) / 50);
  }

  /** Replays one episode of {@code dataset} into {@code gif}: the report names the drawing, the GIF has every stride-th step. */
  private static void assertReplayGif(Path dataset, int episode, int size, int stride, Path gif, String drawing, int frames)
      throws Exception {
    Run r = run("replay", dataset.toString(), "--episode", Integer.toString(episode), "--out", gif.toString(),
        "--size", Integer.toString(size), "--stride", Integer.toString(stride));
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains(drawing);
    assertThat(frames(gif)).isEqualTo(frames);
  }

  static int frames(Path gif) throws Exception {
    try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
      ImageReader reader = ImageIO.getImageReaders(in).next();
      reader.setInput(in);
      return reader.getNumImages(true);
    }
  }
}
