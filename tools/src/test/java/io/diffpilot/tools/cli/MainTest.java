package io.diffpilot.tools.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ./diffpilot's tree: the runtime's commands and this module's, in one alphabetical list, one-line errors. */
class MainTest {

  @Test
  void commandsAreListedAfterHelpInAlphabeticalOrder() {
    List<String> names = new ArrayList<>(Main.commandLine().getSubcommands().keySet());
    assertThat(names).first().isEqualTo("help");
    assertThat(names.subList(1, names.size())).isSorted()
        .contains("bench", "demo", "viz", "run", "serve", "train", "eval", "sim", "quickstart");
  }

  @Test
  void benchSimIsRegistered() {
    assertThat(Main.commandLine().getSubcommands().get("bench").getSubcommands()).containsKey("sim");
  }

  @Test
  void benchListsEveryModulesBenchmarkInOrder() {
    assertThat(Main.commandLine().getSubcommands().get("bench").getSubcommands().keySet())
        .containsExactly("runtime", "fleet", "ros", "sim", "policy", "train");
  }

  @Test
  void anUnknownOptionIsOneLine() {
    CommandRun o = CommandRun.of("bench", "runtime", "--no-such-option");
    assertThat(o.code()).isEqualTo(2);
    assertThat(o.err().strip().lines()).hasSize(1);
    assertThat(o.err()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("java.");
    assertThat(o.err()).contains("diffpilot bench runtime").contains("--no-such-option");
  }
}
