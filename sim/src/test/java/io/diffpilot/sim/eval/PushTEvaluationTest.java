package io.diffpilot.sim.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.diffpilot.core.ChunkPolicy;
import io.diffpilot.core.PolicyShape;
import io.diffpilot.core.SamplerKind;
import io.diffpilot.core.Sampling;
import io.diffpilot.sim.pusht.ObservationKind;
import io.diffpilot.sim.pusht.PushTEnv;
import io.diffpilot.sim.pusht.PushTState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PushTEvaluationTest {

  private static EvalConfig config(int episodes, int maxSteps, int workers, long samplerSeed) {
    return new EvalConfig(episodes, 100000, maxSteps, null, SamplerKind.DDIM, 4, samplerSeed, workers, 2);
  }

  @Test
  void doNothingScoresTheStartCoverageAndRunsToTheLimit() throws Exception {
    EvalReport r = new PushTEvaluation(config(3, 40, 1, 0), w -> ScriptedPolicies.doNothing()).run(null);
    assertThat(r.episodes()).hasSize(3);
    for (EpisodeOutcome e : r.episodes()) {
      assertThat(e.length()).isEqualTo(40);
      assertThat(e.chunks()).isEqualTo(5);
      PushTState start = new PushTEnv().reset(e.seed());
      double startCoverage = io.diffpilot.sim.pusht.Coverage.of(start.blockX(), start.blockY(), start.blockAngle());
      assertThat(e.maxCoverage()).isCloseTo(startCoverage, within(1e-9));
      assertThat(e.success()).isFalse();
    }
    assertThat(r.latency().chunks()).isEqualTo(15);
  }

  @Test
  void resultsAreTheSameWhateverTheWorkerCount() throws Exception {
    EvalReport one = new PushTEvaluation(config(6, 60, 1, 7), w -> ScriptedPolicies.circlePath(20)).run(null);
    EvalReport three = new PushTEvaluation(config(6, 60, 3, 7), w -> ScriptedPolicies.circlePath(20)).run(null);
    assertThat(three.episodes()).isEqualTo(one.episodes());
    assertThat(one.episodes().stream().mapToDouble(EpisodeOutcome::maxReward).max().orElseThrow())
        .as("the path pushes the block at least once").isGreaterThan(0);
  }

  @Test
  void samplerSeedChangesNoisyPolicyResults() throws Exception {
    EvalReport a = new PushTEvaluation(config(4, 60, 2, 1), w -> ScriptedPolicies.circlePath(20)).run(null);
    EvalReport b = new PushTEvaluation(config(4, 60, 2, 2), w -> ScriptedPolicies.circlePath(20)).run(null);
    assertThat(b.episodes()).isNotEqualTo(a.episodes());
  }

  @Test
  void eachWorkerGetsItsOwnPolicyAndClosesIt() throws Exception {
    AtomicInteger made = new AtomicInteger();
    AtomicInteger closed = new AtomicInteger();
    new PushTEvaluation(config(4, 8, 2, 0), w -> {
      made.incrementAndGet();
      ChunkPolicy inner = ScriptedPolicies.doNothing();
      return new ChunkPolicy() {
        @Override
        public PolicyShape shape() {
          return inner.shape();
        }

        public float[][] predictChunk(float[][] h, Sampling s) {
          return inner.predictChunk(h, s);
        }

        @Override
        public void close() {
          closed.incrementAndGet();
        }
      };
    }).run(null);
    assertThat(made.get()).isEqualTo(2);
    assertThat(closed.get()).isEqualTo(2);
  }

  @Test
  void writesEvalJsonAndGif(@TempDir Path dir) throws Exception {
    EvalReport r = new PushTEvaluation(config(3, 16, 2, 0), w -> ScriptedPolicies.circlePath(0)).run(null);
    r.write(dir);
    JsonNode json = new ObjectMapper().readTree(dir.resolve("eval.json").toFile());
    assertThat(json.get("episodes").asInt()).isEqualTo(3);
    assertThat(json.get("seed_start").asLong()).isEqualTo(100000);
    assertThat(json.get("per_episode")).hasSize(3);
    assertThat(json.get("per_episode").get(1).get("seed").asLong()).isEqualTo(100001);
    assertThat(json.get("per_episode").get(0).get("length").asInt()).isEqualTo(16);
    assertThat(json.get("mean_max_reward").asDouble()).isCloseTo(r.meanMaxReward(), within(1e-12));
    assertThat(json.get("success_rate_ci95")).hasSize(2);
    assertThat(json.get("inference_latency_ms").get("chunks").asInt()).isEqualTo(6);
    assertThat(json.get("inference_latency_ms").has("p99")).isTrue();
    assertThat(Files.size(dir.resolve("rollouts.gif"))).isPositive();
  }

  @Test
  void mismatchedObservationWidthIsExplained() {
    EvalConfig c = new EvalConfig(1, 0, 5, ObservationKind.KEYPOINTS, SamplerKind.DDIM, 1, 0, 1, 0);
    assertThatThrownBy(() -> new PushTEvaluation(c, w -> ScriptedPolicies.doNothing()).run(null))
        .hasMessageContaining("policy reads 5 values");
  }

  @Test
  void nonFiniteActionsStopTheEvaluationWithTheirPlace() {
    ChunkPolicy bad = ScriptedPolicies.of(new PolicyShape(1, 5, 1, 2), (h, s) -> new float[][] {{Float.NaN, 0}});
    assertThatThrownBy(() -> new PushTEvaluation(config(1, 5, 1, 0), w -> bad).run(null))
        .hasMessageContaining("non-finite").hasMessageContaining("seed 100000");
  }

  @Test
  void onlyTheFirstTaActionsOfAChunkAreExecuted() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    ChunkPolicy longChunks = ScriptedPolicies.of(new PolicyShape(1, 5, 4, 2), (h, s) -> {
      calls.incrementAndGet();
      float[][] out = new float[16][];
      for (int i = 0; i < 16; i++) {
        out[i] = new float[] {h[0][0], h[0][1]};
      }
      return out;
    });
    EvalReport r = new PushTEvaluation(config(1, 20, 1, 0), w -> longChunks).run(null);
    assertThat(r.episodes().get(0).chunks()).isEqualTo(5);
    assertThat(calls.get()).isEqualTo(5);
  }

  @Test
  void wilsonIntervalMatchesKnownValues() {
    WilsonInterval w = WilsonInterval.of95(45, 50);
    assertThat(w.low()).isCloseTo(0.7864, within(1e-3));
    assertThat(w.high()).isCloseTo(0.9565, within(1e-3));
    assertThat(WilsonInterval.of95(0, 50).low()).isZero();
  }
}
