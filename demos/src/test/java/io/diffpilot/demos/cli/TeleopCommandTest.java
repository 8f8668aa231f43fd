package io.diffpilot.demos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code diffpilot teleop}'s arguments (the page itself: {@code TeleopPageTest}). */
class TeleopCommandTest {

  @Test
  void aTaskOtherThanPushTIsAUsageError(@TempDir Path dir) {
    StringWriter err = new StringWriter();
    CommandLine cl = new CommandLine(new TeleopCommand());
    cl.setErr(new PrintWriter(err, true));
    assertThat(cl.execute("--task", "aloha", "--out", dir.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("--task: only pusht can be teleoperated");
  }
}
