package io.diffpilot.demos.record;

import static org.assertj.core.api.Assertions.assertThat;

import io.diffpilot.demos.lerobot.LeRobotDataset;
import io.diffpilot.ros1.testing.Kill;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a real recorder process ({@code demos record --source stdin}) with SIGKILL and reopens
 * its dataset: every episode it reported saved is there, whole, and nothing else.
 */
class RecorderKillTest {

  static Process startRecorder(Path out) throws Exception {
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(java, "-cp", cp, "io.diffpilot.demos.cli.DemosMain", "record",
        "--source", "stdin", "--out", out.toString(), "--obs", "state:3", "--action-dim", "2", "--fps", "10");
    pb.redirectError(ProcessBuilder.Redirect.DISCARD);
    return pb.start();
  }

  static String episode(int steps, long t0Ms, String outcome) {
    StringBuilder b = new StringBuilder("{\"type\":\"start\",\"task\":\"kill-test\"}\n");
    for (int k = 0; k < steps; k++) {
      long t = (t0Ms + 100L * k) * 1_000_000L;
      b.append("{\"type\":\"obs\",\"name\":\"state\",\"stamp_ns\":").append(t).append(",\"value\":[")
          .append(k).append(',').append(k).append(',').append(k).append("]}\n");
      b.append("{\"type\":\"action\",\"stamp_ns\":").append(t).append(",\"value\":[").append(k).append(",-1]}\n");
    }
    if (outcome != null) {
      b.append("{\"type\":\"end\",\"outcome\":\"").append(outcome).append("\"}\n");
    }
    return b.toString();
  }

  /** Reads stdout lines until one starts with {@code prefix}. */
  static List<String> until(BufferedReader out, String prefix) throws Exception {
    List<String> lines = new ArrayList<>();
    String line;
    while ((line = out.readLine()) != null) {
      lines.add(line);
      if (line.startsWith(prefix)) {
        return lines;
      }
    }
    throw new AssertionError("recorder ended before '" + prefix + "': " + lines);
  }

  @Test
  void killMinusNineMidEpisodeLosesOnlyThatEpisode(@TempDir Path tmp) throws Exception {
    Path out = tmp.resolve("ds");
    Process p = startRecorder(out);
    try {
      BufferedReader stdout = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      OutputStream stdin = p.getOutputStream();
      until(stdout, "recording into");
      stdin.write(episode(20, 0, "save").getBytes(StandardCharsets.UTF_8));
      stdin.write(episode(7, 5000, "discard").getBytes(StandardCharsets.UTF_8));
      stdin.write(episode(10, 9000, "save").getBytes(StandardCharsets.UTF_8));
      stdin.flush();
      assertThat(until(stdout, "saved episode 0")).last().asString().contains("(20 steps,");
      assertThat(until(stdout, "saved episode 1")).last().asString().contains("(10 steps,");
      stdin.write(episode(15, 20000, null).getBytes(StandardCharsets.UTF_8)); // never ended
      stdin.flush();
      until(stdout, "started episode 2");
      Thread.sleep(300);
      Kill.minusNine(p);
    } finally {
      p.destroyForcibly();
    }
    LeRobotDataset ds = LeRobotDataset.open(out);
    assertThat(ds.size()).isEqualTo(2);
    assertThat(ds.episode(0).length()).isEqualTo(20);
    assertThat(ds.episode(1).length()).isEqualTo(10);
    assertThat(ds.episode(1).observation("state")[9]).containsExactly(9f, 9f, 9f);
    assertThat(ds.episode(0).task()).isEqualTo("kill-test");
  }

  @Test
  void killMinusNineDuringBackToBackCommitsKeepsTheDatasetReadable(@TempDir Path tmp) throws Exception {
    Path out = tmp.resolve("ds");
    Process p = startRecorder(out);
    int reportedSaved;
    try {
      BufferedReader stdout = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      until(stdout, "recording into");
      Thread feeder = new Thread(() -> {
        try (OutputStream stdin = p.getOutputStream()) {
          for (int e = 0; e < 1000; e++) {
            stdin.write(episode(5, e * 10_000L, "save").getBytes(StandardCharsets.UTF_8));
            stdin.flush();
          }
        } catch (java.io.IOException expected) {
          // the process was killed
        }
      });
      feeder.setDaemon(true);
      feeder.start();
      until(stdout, "saved episode 3");
      p.destroyForcibly(); // lands somewhere inside the next commits
      p.waitFor(20, TimeUnit.SECONDS);
      reportedSaved = 4;
    } finally {
      p.destroyForcibly();
    }
    LeRobotDataset ds = LeRobotDataset.open(out);
    assertThat(ds.size()).isGreaterThanOrEqualTo(reportedSaved);
    for (int i = 0; i < ds.size(); i++) {
      assertThat(ds.episode(i).length()).isEqualTo(5);
    }
    // And recording can go on where it stopped.
    Process again = startRecorder(out);
    try (OutputStream stdin = again.getOutputStream()) {
      stdin.write(episode(6, 0, "save").getBytes(StandardCharsets.UTF_8));
    }
    assertThat(again.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(again.exitValue()).isZero();
    LeRobotDataset after = LeRobotDataset.open(out);
    assertThat(after.size()).isEqualTo(ds.size() + 1);
    assertThat(after.episode(ds.size()).length()).isEqualTo(6);
  }
}
