package io.diffpilot.tools.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BenchRuntimeCommandTest {

  @Test
  void tinyBenchReportsEveryFigure() {
    StringWriter out = new StringWriter();
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(out, true));
    int code = cl.execute("bench", "runtime", "--cycles", "30", "--warmup", "5", "--steps", "2", "--step-cost-us", "500",
        "--broker", "embedded", "--max-warmup", "5");
    assertThat(code).isZero();
    // On a loaded machine a cycle may miss its (tight) deadline and be lost: every cycle is either.
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("embedded +cycles (\\d+) \\(lost (\\d+)\\)").matcher(out.toString());
    assertThat(m.find()).as(out.toString()).isTrue();
    assertThat(Integer.parseInt(m.group(1)) + Integer.parseInt(m.group(2))).isEqualTo(30);
    assertThat(out.toString()).contains("end-to-end p50").contains("minus inference p50").contains("deadline misses")
        .contains("GC pauses");
    assertThat(out.toString()).contains("legs p50/p99/max ms: observation").contains("controller (minus inference)")
        .contains("per cycle: JVM").contains("context switches");
  }

  @Test
  void threadsOptionAddsTheCostOfEachThreadGroup() {
    StringWriter out = new StringWriter();
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(out, true));
    int code = cl.execute("bench", "runtime", "--cycles", "20", "--warmup", "5", "--steps", "1", "--step-cost-us", "100",
        "--broker", "embedded", "--threads", "--max-warmup", "5");
    assertThat(code).isZero();
    assertThat(out.toString()).contains("all threads").contains("B/cycle").contains("µs CPU/cycle");
  }

  @Test
  void unknownBrokerKindIsRefused() {
    CommandLine cl = Main.commandLine();
    cl.setErr(new PrintWriter(new StringWriter(), true));
    assertThat(cl.execute("bench", "runtime", "--broker", "kafka")).isEqualTo(2);
  }
}
