package io.diffpilot.sim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.diffpilot.sim.eval.ScriptedPolicies;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class EvalCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(CommandLine cl, String... args) {
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return cl.execute(args);
  }

  @Test
  void evaluatesALoadedPolicyAtTinySize(@TempDir Path dir) throws Exception {
    List<String> loads = new ArrayList<>();
    CommandLine cl = new CommandLine(new EvalCommand((model, worker) -> {
      loads.add(model + "#" + worker);
      return ScriptedPolicies.circlePath(5);
    }));
    Path outDir = dir.resolve("eval");
    int code = run(cl, "--model", "models/x", "--task", "pusht", "--episodes", "3", "--seed-start", "100000",
        "--max-steps", "12", "--sampler", "ddim", "--steps", "2", "--workers", "2", "--out", outDir.toString(), "--quiet");
    assertThat(code).as(err.toString()).isZero();
    assertThat(loads).containsExactlyInAnyOrder("models/x#0", "models/x#1");
    JsonNode json = new ObjectMapper().readTree(outDir.resolve("eval.json").toFile());
    assertThat(json.get("per_episode")).hasSize(3);
    assertThat(json.get("inference_steps").asInt()).isEqualTo(2);
    assertThat(Files.exists(outDir.resolve("rollouts.gif"))).isTrue();
    assertThat(out.toString()).contains("mean max reward");
  }

  @Test
  void loaderFailureIsReportedNotThrown(@TempDir Path dir) {
    CommandLine cl = new CommandLine(new EvalCommand((model, worker) -> {
      throw new UnsupportedOperationException("policy loading not wired yet");
    }));
    assertThat(run(cl, "--model", "m", "--episodes", "1", "--out", dir.toString(), "--quiet")).isEqualTo(1);
    assertThat(err.toString()).contains("policy loading not wired yet");
  }

  @Test
  void unknownTaskAndSamplerAreRejected(@TempDir Path dir) {
    CommandLine cl = new CommandLine(new EvalCommand((m, w) -> ScriptedPolicies.doNothing()));
    assertThat(run(cl, "--model", "m", "--task", "aloha", "--out", dir.toString())).isEqualTo(2);
    assertThat(run(cl, "--model", "m", "--sampler", "euler", "--out", dir.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("only pusht").contains("unknown sampler");
  }
}
