package io.diffpilot.sim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.diffpilot.core.ChunkPolicy;
import io.diffpilot.core.PolicyShape;
import io.diffpilot.core.Sampling;
import io.diffpilot.sim.eval.ScriptedPolicies;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
  void samplerSeedsRepeatTheEpisodesUnderEachSeedAndWriteTheSpread(@TempDir Path dir) throws Exception {
    Set<Long> chunkSeeds = ConcurrentHashMap.newKeySet();
    CommandLine cl = new CommandLine(new EvalCommand((model, worker) -> {
      ChunkPolicy inner = ScriptedPolicies.circlePath(5);
      return new ChunkPolicy() {
        @Override
        public PolicyShape shape() {
          return inner.shape();
        }

        @Override
        public float[][] predictChunk(float[][] history, Sampling sampling) {
          chunkSeeds.add(sampling.seed());
          return inner.predictChunk(history, sampling);
        }
      };
    }));
    Path outDir = dir.resolve("eval");
    int code = run(cl, "--model", "m", "--episodes", "2", "--max-steps", "12", "--sampler", "ddim", "--steps", "2",
        "--sampler-seed", "5", "--sampler-seeds", "3", "--out", outDir.toString(), "--quiet");
    assertThat(code).as(err.toString()).isZero();
    ObjectMapper json = new ObjectMapper();
    for (int seed = 5; seed <= 7; seed++) {
      JsonNode run = json.readTree(outDir.resolve("sampler-seed-" + seed).resolve("eval.json").toFile());
      assertThat(run.get("sampler_seed").asLong()).isEqualTo(seed);
      assertThat(run.get("per_episode")).hasSize(2);
    }
    assertThat(outDir.resolve("sampler-seed-5").resolve("rollouts.gif")).exists();
    assertThat(outDir.resolve("sampler-seed-6").resolve("rollouts.gif")).doesNotExist();
    JsonNode spread = json.readTree(outDir.resolve("eval-seeds.json").toFile());
    assertThat(spread.get("runs")).hasSize(3);
    assertThat(spread.get("runs").get(2).get("sampler_seed").asLong()).isEqualTo(7);
    assertThat(spread.get("episodes_per_run").asInt()).isEqualTo(2);
    // Each run drew its chunks from its own seed: three runs of the same chunks would repeat one set.
    long chunksPerRun = json.readTree(outDir.resolve("sampler-seed-5").resolve("eval.json").toFile())
        .get("per_episode").findValues("chunks").stream().mapToLong(JsonNode::asLong).sum();
    assertThat(chunkSeeds).hasSize((int) (3 * chunksPerRun));
    assertThat(out.toString()).contains("sampler seed 6: mean max reward").contains("over 3 sampler seeds");
  }

  @Test
  void samplerSeedsBelowOneAreRejected(@TempDir Path dir) {
    CommandLine cl = new CommandLine(new EvalCommand((m, w) -> ScriptedPolicies.doNothing()));
    assertThat(run(cl, "--model", "m", "--sampler-seeds", "0", "--out", dir.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("--sampler-seeds must be at least 1");
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
