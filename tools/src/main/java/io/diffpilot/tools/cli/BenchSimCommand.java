package io.diffpilot.tools.cli;

import io.diffpilot.core.SamplerKind;
import io.diffpilot.sim.eval.EvalConfig;
import io.diffpilot.sim.eval.EvalReport;
import io.diffpilot.sim.eval.HoldPositionPolicy;
import io.diffpilot.sim.eval.PushTEvaluation;
import io.diffpilot.sim.pusht.ObservationKind;
import io.diffpilot.sim.pusht.PushTEnv;
import io.diffpilot.sim.pusht.PushTState;
import io.diffpilot.sim.pusht.SolverSettings;
import io.diffpilot.sim.pusht.StepResult;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code diffpilot bench sim}: Push-T control steps per second on one thread with a random policy
 * (targets near the block, so most steps push it), and the wall time of a 50-episode evaluation
 * with a trivial policy. Prints medians over repeats; a benchmark, not a test.
 */
@Command(name = "sim", mixinStandardHelpOptions = true,
    description = "Benchmark Push-T: control steps/s on one thread (random policy) and a 50-episode evaluation's wall time.")
public final class BenchSimCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--steps", defaultValue = "20000", description = "Control steps per repeat (default ${DEFAULT-VALUE}).")
  int steps;

  @Option(names = "--repeats", defaultValue = "5", description = "Timed repeats after one warm-up (default ${DEFAULT-VALUE}).")
  int repeats;

  @Option(names = "--episodes", defaultValue = "50", description = "Evaluation episodes (default ${DEFAULT-VALUE}).")
  int episodes;

  @Option(names = "--workers", defaultValue = "1", description = "Evaluation threads (default ${DEFAULT-VALUE}).")
  int workers;

  @Override
  public Integer call() throws Exception {
    if (steps < 1 || repeats < 1 || episodes < 1 || workers < 1) {
      spec.commandLine().getErr().println("--steps, --repeats, --episodes and --workers must be >= 1");
      return 2;
    }
    PrintWriter out = spec.commandLine().getOut();
    runSteps(steps, 1); // warm-up: one untimed repeat lets the JIT compile the hot path
    double[] rates = new double[repeats];
    for (int r = 0; r < repeats; r++) {
      long t0 = System.nanoTime();
      int pushes = runSteps(steps, 2 + r);
      double seconds = (System.nanoTime() - t0) / 1e9;
      rates[r] = steps / seconds;
      out.printf(Locale.ROOT, "repeat %d: %d control steps in %.3f s = %.0f steps/s (%d steps moved the block)%n",
          r + 1, steps, seconds, rates[r], pushes);
    }
    double[] sorted = rates.clone();
    Arrays.sort(sorted);
    out.printf(Locale.ROOT, "push-t control steps/s, 1 thread, random policy: median %.0f (min %.0f, max %.0f) "
        + "= %.0f physics substeps/s%n", sorted[sorted.length / 2], sorted[0], sorted[sorted.length - 1],
        sorted[sorted.length / 2] * PushTEnv.SUBSTEPS);
    EvalConfig config = new EvalConfig(episodes, 100000, PushTEnv.DEFAULT_MAX_STEPS, ObservationKind.STATE,
        SamplerKind.DDIM, 1, 0, workers, 0);
    EvalReport report = new PushTEvaluation(config, w -> new HoldPositionPolicy()).run(null);
    int total = report.episodes().stream().mapToInt(e -> e.length()).sum();
    out.printf(Locale.ROOT, "evaluation, %d episodes x %d steps, hold-position policy, %d worker(s): %.2f s wall "
        + "(%d steps, %.0f steps/s), mean max reward %.4f%n", episodes, PushTEnv.DEFAULT_MAX_STEPS, workers,
        report.wallSeconds(), total, total / report.wallSeconds(), report.meanMaxReward());
    out.flush();
    return 0;
  }

  /** Runs {@code n} control steps with random targets around the block; returns how many moved it. */
  static int runSteps(int n, long seed) {
    PushTEnv env = new PushTEnv(ObservationKind.KEYPOINTS, PushTEnv.DEFAULT_MAX_STEPS, SolverSettings.tuned());
    SplittableRandom rng = new SplittableRandom(seed);
    long episodeSeed = 0;
    PushTState s = env.reset(episodeSeed);
    int moved = 0;
    for (int i = 0; i < n; i++) {
      double tx = s.blockX() + rng.nextDouble(-120, 120);
      double ty = s.blockY() + rng.nextDouble(-60, 160);
      StepResult r = env.step(tx, ty);
      if (r.state().blockX() != s.blockX() || r.state().blockY() != s.blockY()) {
        moved++;
      }
      s = r.state();
      if (r.done()) {
        s = env.reset(++episodeSeed);
      }
    }
    return moved;
  }
}
