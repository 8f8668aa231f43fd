package io.diffpilot.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The sim module's commands as registered in ./diffpilot. */
class MainSimCommandsTest {

  @Test
  void simPushtResetRunsFromTheMainCommandLine() {
    CommandLine cl = Main.commandLine();
    StringWriter out = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    assertThat(cl.execute("sim", "pusht", "reset", "--seeds", "100000-100001")).isZero();
    assertThat(out.toString()).startsWith("seed,agent_x,agent_y,block_x,block_y,block_angle").contains("100000,235.0,124.0,");
  }

  @Test
  void evalSaysPolicyLoadingIsNotWiredYet(@TempDir Path dir) {
    CommandLine cl = Main.commandLine();
    StringWriter err = new StringWriter();
    cl.setErr(new PrintWriter(err, true));
    assertThat(cl.execute("eval", "--model", dir.toString(), "--episodes", "1", "--out", dir.toString(), "--quiet"))
        .isEqualTo(1);
    assertThat(err.toString()).contains("policy loading not wired yet");
  }

  @Test
  void benchSimIsRegistered() {
    assertThat(Main.commandLine().getSubcommands().get("bench").getSubcommands()).containsKey("sim");
  }
}
