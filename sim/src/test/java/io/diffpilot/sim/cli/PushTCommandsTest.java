package io.diffpilot.sim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.diffpilot.sim.pusht.PushTData;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class PushTCommandsTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cl = new CommandLine(new SimCommand());
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return cl.execute(args);
  }

  @Test
  void resetPrintsOneCsvRowPerSeed() {
    assertThat(run("pusht", "reset", "--seeds", "0-2")).isZero();
    String[] lines = out.toString().trim().split("\\R");
    assertThat(lines).hasSize(4);
    assertThat(lines[0]).isEqualTo("seed,agent_x,agent_y,block_x,block_y,block_angle");
    assertThat(lines[1]).startsWith("0,222.0,97.0,222.99");
  }

  @Test
  void resetRejectsMalformedSeeds() {
    assertThat(run("pusht", "reset", "--seeds", "9-3")).isEqualTo(2);
    assertThat(err.toString()).contains("backwards");
  }

  @Test
  void coverageAddsAColumn(@TempDir Path dir) throws Exception {
    Path poses = dir.resolve("poses.csv");
    Files.writeString(poses, "id,block_x,block_y,block_angle\na,256,256," + Math.PI / 4 + "\nb,60,60,0\n");
    assertThat(run("pusht", "coverage", "--poses", poses.toString())).isZero();
    String[] lines = out.toString().trim().split("\\R");
    assertThat(lines[0]).isEqualTo("id,block_x,block_y,block_angle,coverage");
    assertThat(Double.parseDouble(lines[1].split(",")[4])).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-9));
    assertThat(lines[2]).endsWith(",0.0");
  }

  @Test
  void coverageNamesTheBadLine(@TempDir Path dir) throws Exception {
    Path poses = dir.resolve("bad.csv");
    Files.writeString(poses, "block_x,block_y,block_angle\n1,2,3\n1,oops,3\n");
    assertThat(run("pusht", "coverage", "--poses", poses.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("bad.csv:3");
    Files.writeString(poses, "x,y,theta\n1,2,3\n");
    assertThat(run("pusht", "coverage", "--poses", poses.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("block_x");
  }

  @Test
  void replayReportsFiguresForChosenEpisodes() {
    assertThat(run("pusht", "replay", "--demos", PushTData.pushtDemos().toString(), "--episodes", "0-2")).isZero();
    assertThat(out.toString()).contains("episodes: 3").contains("all steps").contains("mean max reward");
  }

  @Test
  void replayExplainsAMissingFolder(@TempDir Path dir) {
    assertThat(run("pusht", "replay", "--demos", dir.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("no Push-T demonstrations");
  }

  @Test
  void renderWritesPngAndGif(@TempDir Path dir) throws Exception {
    assertThat(run("pusht", "render", "--seed", "3", "--size", "96", "--out", dir.resolve("f.png").toString())).isZero();
    assertThat(javax.imageio.ImageIO.read(dir.resolve("f.png").toFile()).getWidth()).isEqualTo(96);
    assertThat(run("pusht", "render", "--demos", PushTData.pushtDemos().toString(), "--episodes", "0-1",
        "--size", "48", "--out", dir.resolve("d.gif").toString())).isZero();
    assertThat(Files.size(dir.resolve("d.gif"))).isPositive();
  }
}
