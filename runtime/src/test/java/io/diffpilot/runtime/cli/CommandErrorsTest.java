package io.diffpilot.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.diffpilot.runtime.ros.control.ObservationType;
import io.diffpilot.runtime.ros.control.RosTopics;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Bad input to any command is one line naming the command, never a usage dump or a stack trace. */
class CommandErrorsTest {

  private record Outcome(int exit, String err) {}

  private static Outcome run(CommandLine cl, String... args) {
    StringWriter err = new StringWriter();
    cl.setErr(new PrintWriter(err, true));
    cl.setOut(new PrintWriter(new StringWriter(), true));
    int exit = cl.execute(args);
    return new Outcome(exit, err.toString());
  }

  private static void assertOneCleanLine(String err) {
    assertThat(err.strip().lines()).hasSize(1);
    assertThat(err).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("java.");
  }

  @Test
  void aWrongObservationTypeIsOneLineBeforeAnythingStarts() {
    Outcome o = run(Main.commandLine(), "ros-node", "--fake-policy", "--observation-type", "float32_multi_array");
    assertThat(o.exit()).isEqualTo(2);
    assertOneCleanLine(o.err());
    assertThat(o.err()).contains("diffpilot ros-node").contains("--observation-type").contains("float32_multi_array")
        .contains("float32 or joint_state");
  }

  @Test
  void aValueOfTheWrongTypeIsOneLine() {
    Outcome o = run(Main.commandLine(), "run", "--config", "x.yaml", "--duration-s", "soon");
    assertThat(o.exit()).isEqualTo(2);
    assertOneCleanLine(o.err());
    assertThat(o.err()).contains("diffpilot run").contains("--duration-s").contains("soon");
  }

  @Test
  void aBadEnumValueParsedInsideACommandIsOneLine() {
    Outcome o = run(Main.commandLine(), "sim-robot", "--observation", "pixels", "--broker", "tcp://127.0.0.1:1");
    assertThat(o.exit()).isEqualTo(2);
    assertOneCleanLine(o.err());
    assertThat(o.err()).contains("pixels");
  }

  @Command(name = "diffpilot")
  static final class Root {}

  @Command(name = "boom")
  static final class Boom implements Callable<Integer> {
    @Override
    public Integer call() {
      throw new IllegalStateException(new UncheckedIOException(new IOException("disk full\nwhile writing")));
    }
  }

  @Command(name = "bad")
  static final class Bad implements Callable<Integer> {
    @Override
    public Integer call() {
      throw new IllegalArgumentException("budget must be > 0");
    }
  }

  @Test
  void anErrorEscapingACommandIsOneLineWithoutClassNames() {
    CommandLine cl = new CommandLine(new Root());
    cl.addSubcommand(new Boom());
    cl.addSubcommand(new Bad());
    Main.reportErrorsInOneLine(cl);
    Outcome boom = run(cl, "boom");
    assertThat(boom.exit()).isEqualTo(1);
    assertOneCleanLine(boom.err());
    assertThat(boom.err().strip()).isEqualTo("diffpilot boom: disk full; while writing");
    Outcome bad = run(cl, "bad");
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.err().strip()).isEqualTo("diffpilot bad: budget must be > 0");
  }

  @Test
  void pushTKeypointsWithJointNamesPublishTrajectoriesUnderTheirOwnNames() {
    List<String> keypoints = java.util.stream.IntStream.range(0, 20).mapToObj(i -> "k" + i).toList();
    RosTopics t = RosNodeCommand.namedTopics("pusht", ObservationType.JOINT_STATE, keypoints, List.of(), 20, 2);
    assertThat(t.jointNames()).hasSize(20);
    assertThat(t.actionNames()).isEmpty(); // a0, a1 on the wire
    RosTopics named = RosNodeCommand.namedTopics("pusht", ObservationType.JOINT_STATE, keypoints, List.of("x", "y"),
        20, 2);
    assertThat(named.actionNames()).containsExactly("x", "y");
  }

  @Test
  void anArmObservedAndCommandedByTheSameJointsKeepsThemOnItsTrajectories() {
    List<String> joints = List.of("j1", "j2", "j3", "j4", "j5", "j6");
    RosTopics t = RosNodeCommand.namedTopics("arm", ObservationType.JOINT_STATE, joints, List.of(), 6, 6);
    assertThat(t.actionNames()).isEqualTo(joints);
  }

  @Test
  void namesThatDoNotFitThePolicyAreRefusedAtStart() {
    assertThatThrownBy(() -> RosNodeCommand.namedTopics("pusht", ObservationType.JOINT_STATE, List.of("x", "y"),
        List.of(), 20, 2)).hasMessageContaining("observes 20 values but 2 joint names");
    assertThatThrownBy(() -> RosNodeCommand.namedTopics("pusht", ObservationType.FLOAT32, List.of(),
        List.of("x", "y", "z"), 20, 2)).hasMessageContaining("actions have 2 values but 3 action names");
  }
}
