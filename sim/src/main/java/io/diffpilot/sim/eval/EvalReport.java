package io.diffpilot.sim.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.diffpilot.sim.pusht.PushTState;
import io.diffpilot.sim.render.EpisodeFrames;
import io.diffpilot.sim.render.GifWriter;
import io.diffpilot.sim.render.PushTRenderer;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The result of a {@link PushTEvaluation}: per-episode outcomes, the paper's score (mean max
 * reward), the success rate with its 95 % Wilson interval, inference latency, and what is needed
 * to draw {@code rollouts.gif}.
 */
public record EvalReport(
    EvalConfig config,
    List<EpisodeOutcome> episodes,
    LatencyStats latency,
    double wallSeconds,
    List<List<PushTState>> gifStates,
    List<List<float[]>> gifActions) {

  /** Mean over episodes of the max reward: the paper's Push-T score. */
  public double meanMaxReward() {
    return episodes.stream().mapToDouble(EpisodeOutcome::maxReward).average().orElse(Double.NaN);
  }

  public int successes() {
    return (int) episodes.stream().filter(EpisodeOutcome::success).count();
  }

  public double successRate() {
    return (double) successes() / episodes.size();
  }

  public WilsonInterval successInterval() {
    return WilsonInterval.of95(successes(), episodes.size());
  }

  /** eval.json's content. */
  public ObjectNode toJson() {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = mapper.createObjectNode();
    root.put("task", "pusht");
    root.put("episodes", episodes.size());
    root.put("seed_start", config.seedStart());
    root.put("max_steps", config.maxSteps());
    root.put("sampler", config.sampler().name().toLowerCase());
    root.put("inference_steps", config.inferenceSteps());
    root.put("sampler_seed", config.samplerSeed());
    root.put("workers", config.workers());
    root.put("mean_max_reward", meanMaxReward());
    root.put("success_rate", successRate());
    ArrayNode ci = root.putArray("success_rate_ci95");
    WilsonInterval w = successInterval();
    ci.add(w.low());
    ci.add(w.high());
    ObjectNode lat = root.putObject("inference_latency_ms");
    lat.put("chunks", latency.chunks());
    lat.put("p50", latency.p50Millis());
    lat.put("p90", latency.p90Millis());
    lat.put("p99", latency.p99Millis());
    lat.put("max", latency.maxMillis());
    root.put("wall_seconds", wallSeconds);
    ArrayNode eps = root.putArray("per_episode");
    for (EpisodeOutcome e : episodes) {
      ObjectNode o = eps.addObject();
      o.put("seed", e.seed());
      o.put("max_reward", e.maxReward());
      o.put("max_coverage", e.maxCoverage());
      o.put("success", e.success());
      o.put("length", e.length());
      o.put("chunks", e.chunks());
    }
    return root;
  }

  /** Writes {@code dir}/eval.json and, if episodes were kept for it, {@code dir}/rollouts.gif. */
  public void write(Path dir) throws IOException {
    Files.createDirectories(dir);
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve("eval.json").toFile(), toJson());
    if (!gifStates.isEmpty()) {
      PushTRenderer renderer = new PushTRenderer();
      List<List<BufferedImage>> perEpisode = new ArrayList<>();
      for (int e = 0; e < gifStates.size(); e++) {
        List<PushTState> states = gifStates.get(e);
        List<float[]> actions = gifActions.get(e);
        List<BufferedImage> frames = new ArrayList<>();
        for (int t = 0; t < states.size(); t++) {
          frames.add(renderer.render(states.get(t), t < actions.size() ? actions.get(t) : null, 160));
        }
        perEpisode.add(frames);
      }
      int columns = (int) Math.ceil(Math.sqrt(perEpisode.size()));
      GifWriter.write(dir.resolve("rollouts.gif"), EpisodeFrames.sideBySide(perEpisode, columns), 100);
    }
  }
}
