package io.diffpilot.tools.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BenchRuntimeCommandTest {

  @Test
  void tinyBenchReportsEveryFigure() {
    CommandRun r = CommandRun.of("bench", "runtime", "--cycles", "30", "--warmup", "5", "--steps", "2", "--step-cost-us",
        "500", "--broker", "embedded", "--max-warmup", "5");
    assertThat(r.code()).as(r.err()).isZero();
    // On a loaded machine a cycle may miss its (tight) deadline and be lost: every cycle is either.
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("embedded +cycles (\\d+) \\(lost (\\d+)\\)").matcher(r.out());
    assertThat(m.find()).as(r.out()).isTrue();
    assertThat(Integer.parseInt(m.group(1)) + Integer.parseInt(m.group(2))).isEqualTo(30);
    assertThat(r.out()).contains("end-to-end p50").contains("minus inference p50").contains("deadline misses")
        .contains("GC pauses");
    assertThat(r.out()).contains("legs p50/p99/max ms: observation").contains("controller (minus inference)")
        .contains("per cycle: JVM").contains("context switches");
  }

  @Test
  void threadsOptionAddsTheCostOfEachThreadGroup() {
    CommandRun r = CommandRun.of("bench", "runtime", "--cycles", "20", "--warmup", "5", "--steps", "1", "--step-cost-us",
        "100", "--broker", "embedded", "--threads", "--max-warmup", "5");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("all threads").contains("B/cycle").contains("µs CPU/cycle");
  }

  @Test
  void unknownBrokerKindIsRefused() {
    assertThat(CommandRun.of("bench", "runtime", "--broker", "kafka").code()).isEqualTo(2);
  }
}
