package io.diffpilot.sim.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The same episodes evaluated under several sampler seeds: how far one run's mean max reward moves
 * with the chunks' noise alone. On Push-T one 50-episode run moves by ±0.03 this way, as much as
 * many changes one might try, so comparisons should pool seeds.
 *
 * @param firstSeed the first run's sampler seed; run i used {@code firstSeed + i}
 * @param runMeans each run's mean max reward
 * @param runSuccess each run's success rate
 * @param episodesPerRun episodes in each run
 */
public record SamplerSeedSpread(long firstSeed, double[] runMeans, double[] runSuccess, int episodesPerRun) {

  public SamplerSeedSpread {
    if (runMeans.length == 0 || runMeans.length != runSuccess.length) {
      throw new IllegalArgumentException("need one mean and one success rate per run, got " + runMeans.length
          + " and " + runSuccess.length);
    }
    runMeans = runMeans.clone();
    runSuccess = runSuccess.clone();
  }

  public static SamplerSeedSpread of(long firstSeed, List<EvalReport> runs) {
    double[] means = new double[runs.size()];
    double[] success = new double[runs.size()];
    for (int i = 0; i < runs.size(); i++) {
      EvalReport r = runs.get(i);
      if (r.episodes().size() != runs.get(0).episodes().size()) {
        throw new IllegalArgumentException("runs differ in episodes: " + r.episodes().size() + " and "
            + runs.get(0).episodes().size());
      }
      means[i] = r.meanMaxReward();
      success[i] = r.successRate();
    }
    return new SamplerSeedSpread(firstSeed, means, success, runs.get(0).episodes().size());
  }

  /** Over every episode of every run (the runs have equal sizes, so the mean of the run means). */
  public double meanMaxReward() {
    return mean(runMeans);
  }

  public double successRate() {
    return mean(runSuccess);
  }

  public double minRun() {
    double m = Double.POSITIVE_INFINITY;
    for (double v : runMeans) {
      m = Math.min(m, v);
    }
    return m;
  }

  public double maxRun() {
    double m = Double.NEGATIVE_INFINITY;
    for (double v : runMeans) {
      m = Math.max(m, v);
    }
    return m;
  }

  /** Sample standard deviation of the run means; 0 for one run. */
  public double sdOfRuns() {
    if (runMeans.length < 2) {
      return 0;
    }
    double mean = meanMaxReward();
    double sum = 0;
    for (double v : runMeans) {
      sum += (v - mean) * (v - mean);
    }
    return Math.sqrt(sum / (runMeans.length - 1));
  }

  public void write(Path file) throws IOException {
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = json.createObjectNode();
    root.put("episodes_per_run", episodesPerRun);
    root.put("mean_max_reward", meanMaxReward());
    root.put("success_rate", successRate());
    root.put("min_run_mean_max_reward", minRun());
    root.put("max_run_mean_max_reward", maxRun());
    root.put("sd_of_run_means", sdOfRuns());
    ArrayNode runs = root.putArray("runs");
    for (int i = 0; i < runMeans.length; i++) {
      ObjectNode r = runs.addObject();
      r.put("sampler_seed", firstSeed + i);
      r.put("mean_max_reward", runMeans[i]);
      r.put("success_rate", runSuccess[i]);
      r.put("dir", "sampler-seed-" + (firstSeed + i));
    }
    Files.createDirectories(file.toAbsolutePath().getParent());
    json.writeValue(file.toFile(), root);
  }

  private static double mean(double[] values) {
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    return sum / values.length;
  }
}
