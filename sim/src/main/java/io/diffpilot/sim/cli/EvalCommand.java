package io.diffpilot.sim.cli;

import io.diffpilot.core.ChunkPolicy;
import io.diffpilot.core.SamplerKind;
import io.diffpilot.core.Sampling;
import io.diffpilot.sim.eval.EvalConfig;
import io.diffpilot.sim.eval.EvalReport;
import io.diffpilot.sim.eval.PolicyLoader;
import io.diffpilot.sim.eval.PushTEvaluation;
import io.diffpilot.sim.eval.SamplerSeedSpread;
import io.diffpilot.sim.pusht.ObservationKind;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.IntFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code diffpilot eval --model DIR --task pusht ...}: the paper's Push-T evaluation of a model
 * directory. The policy comes from the {@link PolicyLoader} given at construction (the runtime
 * wires the diffusion policy's loader), once per worker.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
    description = "Evaluate a policy on Push-T (paper protocol: 50 episodes from seed 100000, 300 steps); "
        + "writes eval.json and rollouts.gif.")
public final class EvalCommand implements Callable<Integer> {
  private final PolicyLoader loader;

  @Spec CommandSpec spec;

  @Option(names = "--model", required = true, description = "Model directory.")
  Path model;

  @Mixin
  TaskOption task = new TaskOption();

  @Option(names = "--episodes", defaultValue = "50", description = "Episodes (default ${DEFAULT-VALUE}).")
  int episodes;

  @Option(names = "--seed-start", defaultValue = "100000", description = "First reset seed (default ${DEFAULT-VALUE}).")
  long seedStart;

  @Option(names = "--max-steps", defaultValue = "300", description = "Steps per episode (default ${DEFAULT-VALUE}).")
  int maxSteps;

  @Option(names = "--sampler", description = "ddpm, ddim, dpm-solver++ or consistency (default: the model's"
      + " inference.sampler, else ddim).")
  String sampler;

  @Option(names = "--steps", description = "Denoising steps per chunk (default: the model's inference.steps, else 16).")
  Integer steps;

  @Option(names = "--sampler-seed", defaultValue = "0", description = "Root seed of the chunks' noise (default ${DEFAULT-VALUE}).")
  long samplerSeed;

  @Option(names = "--sampler-seeds", defaultValue = "1", description = "Run the episodes this many times, with "
      + "sampler seeds --sampler-seed, +1, ...; each run in OUT/sampler-seed-N, the spread in OUT/eval-seeds.json "
      + "(default ${DEFAULT-VALUE}: one run, in OUT).")
  int samplerSeeds;

  @Option(names = "--observation", defaultValue = "auto", description = "auto, state or keypoints (auto: from the policy's width).")
  String observation;

  @Option(names = "--workers", defaultValue = "1", description = "Threads, each with its own policy (default ${DEFAULT-VALUE}).")
  int workers;

  @Option(names = "--gif-episodes", defaultValue = "4", description = "First episodes drawn into rollouts.gif (default ${DEFAULT-VALUE}).")
  int gifEpisodes;

  @Option(names = "--out", required = true, description = "Output directory (eval.json, rollouts.gif).")
  Path out;

  @Option(names = "--quiet", description = "No progress bar.")
  boolean quiet;

  public EvalCommand(PolicyLoader loader) {
    this.loader = Objects.requireNonNull(loader, "loader");
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    if (!task.isPushT()) {
      err.println("--task " + task.name() + ": only pusht is evaluated here");
      return 2;
    }
    if (samplerSeeds < 1) {
      err.println("--sampler-seeds must be at least 1, got " + samplerSeeds);
      return 2;
    }
    EvalConfig config;
    try {
      if (sampler == null || steps == null) {
        Sampling preferred = preferredSampling();
        sampler = sampler != null ? sampler : preferred == null ? "ddim" : preferred.sampler().name();
        steps = steps != null ? steps : preferred == null ? 16 : preferred.steps();
      }
      ObservationKind kind = "auto".equalsIgnoreCase(observation) ? null : ObservationKind.parse(observation);
      config = new EvalConfig(episodes, seedStart, maxSteps, kind, SamplerKind.parse(sampler), steps, samplerSeed,
          workers, gifEpisodes);
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      return 2;
    }
    IntFunction<ChunkPolicy> factory = worker -> {
      try {
        return loader.load(model, worker);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot load the policy from " + model + ": " + e.getMessage(), e);
      }
    };
    PrintWriter o = spec.commandLine().getOut();
    List<EvalReport> reports = new ArrayList<>();
    for (int i = 0; i < samplerSeeds; i++) {
      EvalConfig c = i == 0 ? config : new EvalConfig(config.episodes(), config.seedStart(), config.maxSteps(),
          config.observation(), config.sampler(), config.inferenceSteps(), samplerSeed + i, config.workers(), 0);
      EvalReport report;
      try {
        report = new PushTEvaluation(c, factory).run(quiet ? null : System.err);
      } catch (UncheckedIOException | IllegalArgumentException | IllegalStateException | UnsupportedOperationException e) {
        err.println("eval failed: " + e.getMessage());
        return 1;
      }
      Path dir = samplerSeeds == 1 ? out : out.resolve("sampler-seed-" + (samplerSeed + i));
      report.write(dir);
      reports.add(report);
      o.printf(Locale.ROOT, "%smean max reward %.4f, success rate %.3f (95%% CI %.3f-%.3f) over %d episodes; "
              + "inference p50 %.2f ms, p99 %.2f ms; wrote %s%n",
          samplerSeeds == 1 ? "" : "sampler seed " + (samplerSeed + i) + ": ", report.meanMaxReward(),
          report.successRate(), report.successInterval().low(), report.successInterval().high(),
          report.episodes().size(), report.latency().p50Millis(), report.latency().p99Millis(), dir.resolve("eval.json"));
      o.flush();
    }
    if (samplerSeeds > 1) {
      SamplerSeedSpread spread = SamplerSeedSpread.of(samplerSeed, reports);
      spread.write(out.resolve("eval-seeds.json"));
      o.printf(Locale.ROOT, "over %d sampler seeds: mean max reward %.4f (runs %.4f-%.4f, sd %.4f), success rate %.3f; "
          + "wrote %s%n", samplerSeeds, spread.meanMaxReward(), spread.minRun(), spread.maxRun(), spread.sdOfRuns(),
          spread.successRate(), out.resolve("eval-seeds.json"));
      o.flush();
    }
    return 0;
  }

  /** What the model directory asks for (a distilled student: consistency), or null. */
  private Sampling preferredSampling() throws IOException {
    try (ChunkPolicy p = loader.load(model, 0)) {
      return p.preferredSampling();
    }
  }
}
