package io.diffpilot.tools.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BenchSimCommandTest {

  @Test
  void benchRunsAtTinySizeAndReportsBothFigures() {
    StringWriter out = new StringWriter();
    CommandLine cl = new CommandLine(new BenchSimCommand());
    cl.setOut(new PrintWriter(out, true));
    assertThat(cl.execute("--steps", "50", "--repeats", "1", "--episodes", "2")).isZero();
    assertThat(out.toString()).contains("control steps/s").contains("evaluation, 2 episodes");
  }

  @Test
  void randomPolicyPushesTheBlock() {
    assertThat(BenchSimCommand.runSteps(300, 1)).isGreaterThan(30);
  }
}
