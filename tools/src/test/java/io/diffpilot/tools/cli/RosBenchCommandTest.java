package io.diffpilot.tools.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.diffpilot.ros1.testing.RoscoreExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code diffpilot bench ros} at tiny size against a real roscore. */
@Tag("ros")
class RosBenchCommandTest {

  @RegisterExtension static final RoscoreExtension core = new RoscoreExtension();

  @Test
  void benchRosRunsAtTinySize() throws Exception {
    PrintStream old = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buf, true));
    int exit;
    try {
      exit = Main.commandLine().execute("bench", "ros", "--rounds", "30", "--warmup", "10", "--step-us", "100",
          "__master:=" + core.masterUri(), "__ip:=127.0.0.1");
    } finally {
      System.setOut(old);
    }
    String printed = buf.toString();
    assertThat(exit).as(printed).isZero();
    // Every round is accounted for, answered or lost; how many a loaded machine answers within
    // 1 s is a timing figure for the benchmark's reader, not something to assert.
    Matcher m = Pattern.compile("30 rounds \\(\\+10 warm-up\\): (\\d+) round trips answered, (\\d+) lost").matcher(printed);
    assertThat(m.find()).as(printed).isTrue();
    int answered = Integer.parseInt(m.group(1));
    assertThat(answered + Integer.parseInt(m.group(2))).as(printed).isEqualTo(30);
    assertThat(answered).as("round trips answered at all; %s", printed).isPositive();
    assertThat(printed).contains("round trip minus inference");
  }
}
