package io.diffpilot.policy.distill;

import io.diffpilot.core.EpisodeDataset;
import io.diffpilot.core.ProgressBar;
import io.diffpilot.policy.fast.FastUnet1d;
import io.diffpilot.policy.fast.TrainableUnet1d;
import io.diffpilot.policy.io.Safetensors.Tensor;
import io.diffpilot.policy.model.InferenceConfig;
import io.diffpilot.policy.model.ModelDirectory;
import io.diffpilot.policy.model.PolicyConfig;
import io.diffpilot.policy.schedule.DdpmSchedule;
import io.diffpilot.policy.schedule.PredictionType;
import io.diffpilot.policy.schedule.ScheduleConfig;
import io.diffpilot.policy.schedule.TimestepSpacing;
import io.diffpilot.policy.train.Checkpoint;
import io.diffpilot.policy.train.CosineWarmup;
import io.diffpilot.policy.train.FlatAdamW;
import io.diffpilot.policy.train.FlatEma;
import io.diffpilot.policy.train.LossLog;
import io.diffpilot.policy.train.LossPlot;
import io.diffpilot.policy.train.TrainConfig;
import io.diffpilot.policy.train.TrainingProgress;
import io.diffpilot.policy.train.TrainingWindows;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Distils a trained ε-prediction teacher into an x₀-prediction student of the same architecture
 * that acts in 1 … maxSteps steps.
 *
 * <p>Recipe (trajectory distillation, the "consistency" target taken from the teacher's full ODE
 * solve instead of a one-step bootstrap): solve {@link TeacherTrajectories}; start the student
 * from the teacher's weights; each step draws rows (trajectory m, anchor t_k) and fits
 * f(x_{t_k}, t_k) to the trajectory's end point with MSE; AdamW, cosine warm-up and EMA as in
 * training. The student samples like DDIM (η = 0) on its anchors with trailing spacing: one step
 * is f(z, N − 1); each further step re-noises the estimate to the next anchor along its own ε̂.
 * Why not Consistency Policy's bootstrap (target = EMA student at the teacher's next step): in
 * the ε-parameterised student of an earlier attempt that target reached only 0.11 mean max reward
 * at one step on Push-T, because at t = N − 1 (ᾱ ≈ 2e-7) an ε error is amplified ~2000× into x₀.
 */
public final class ConsistencyDistiller {

  /** What a finished run reports. */
  public record Result(int steps, int trajectories, int[] anchors, double firstLoss, double finalLoss,
      double teacherSeconds, double wallSeconds) {}

  private final DistillSpec spec;

  public ConsistencyDistiller(DistillSpec spec) {
    this.spec = Objects.requireNonNull(spec, "spec");
  }

  /** The student's configuration: the teacher's, with x₀-prediction and the consistency sampler. */
  public static PolicyConfig studentConfig(PolicyConfig teacher, int steps) {
    ScheduleConfig s = teacher.schedule();
    ScheduleConfig student = new ScheduleConfig(s.trainTimesteps(), s.betaSchedule(), s.betaStart(), s.betaEnd(),
        PredictionType.SAMPLE, s.clipSample(), s.clipSampleRange());
    InferenceConfig i = teacher.inference();
    return new PolicyConfig(teacher.network(), teacher.policy(), student,
        new InferenceConfig("consistency", steps, 0.0, TimestepSpacing.TRAILING, i.device(), i.backend()));
  }

  /**
   * Distils {@code teacher} on the observations of {@code data} into {@code out}.
   *
   * @param resume continue from {@code out/checkpoint.safetensors} (the trajectories are solved
   *     again: they are a function of the seed)
   */
  public Result distill(ModelDirectory teacher, EpisodeDataset data, Path out, boolean resume, PrintStream progress)
      throws IOException {
    long start = System.nanoTime();
    PolicyConfig tc = teacher.config();
    if (tc.schedule().predictionType() != PredictionType.EPSILON) {
      throw new IllegalArgumentException("the teacher must be an epsilon-prediction diffusion policy");
    }
    TrainConfig train = spec.train();
    if (train.steps() < 1) {
      throw new IllegalArgumentException("train.steps must be set for distillation");
    }
    Files.createDirectories(out);
    DdpmSchedule schedule = new DdpmSchedule(tc.schedule());
    int n = schedule.trainTimesteps();
    int[] anchors = TeacherTrajectories.studentAnchors(n, spec.maxSteps());
    int[] solver = TeacherTrajectories.solverTimesteps(n, spec.teacherSteps(), anchors);
    TrainingWindows windows = new TrainingWindows(data, tc.policy(), teacher.normalizer());
    int horizon = tc.policy().horizon();
    int threads = Math.min(train.resolvedThreads(), train.batchSize());

    if (progress != null) {
      progress.printf(Locale.ROOT, "distill: %d teacher trajectories, solver timesteps %s, student anchors %s%n",
          spec.trajectories(), Arrays.toString(solver), Arrays.toString(anchors));
    }
    TeacherTrajectories trajectories;
    try (FastUnet1d net = FastUnet1d.create(tc.network(), teacher.weights(), horizon, 256, threads)) {
      ProgressBar bar = progress == null ? null : new ProgressBar(progress, spec.trajectories());
      trajectories = TeacherTrajectories.solve(net, schedule.alphasCumprod(),
          true, schedule.clipBound(),
          windows, spec.trajectories(), solver, anchors, train.seed(),
          done -> {
            if (bar != null) {
              bar.update(done, "trajectories");
            }
          });
      if (bar != null) {
        bar.finish();
      }
    }
    double teacherSeconds = (System.nanoTime() - start) / 1e9;

    PolicyConfig studentConfig = studentConfig(tc, Math.min(2, spec.maxSteps()));
    Path checkpointFile = out.resolve(Checkpoint.FILE);
    try (TrainableUnet1d net = TrainableUnet1d.create(tc.network(), teacher.weights(), horizon, train.batchSize(),
        threads)) {
      float[] params = net.parameters();
      FlatAdamW optimizer = new FlatAdamW(params.length, train.beta1(), train.beta2(), train.weightDecay());
      FlatEma ema = new FlatEma(params, train.emaPower(), train.emaMaxDecay());
      LossLog log = new LossLog();
      int step = 0;
      if (resume && Files.exists(checkpointFile)) {
        Checkpoint.State s = Checkpoint.loadFlat(checkpointFile, net.layout(), params, ema.average(),
            optimizer.firstMoments(), optimizer.secondMoments());
        optimizer.restoreUpdates(s.adamUpdates());
        ema.restoreOptimizationStep(s.emaStep());
        step = s.step();
        log = LossLog.read(out.resolve(LossLog.FILE), step);
      }
      int b = train.batchSize();
      int width = horizon * tc.network().inputDim();
      float[] sample = new float[b * width];
      float[] target = new float[b * width];
      float[] cond = new float[b * tc.network().globalCondDim()];
      long[] timesteps = new long[b];
      CosineWarmup lr = new CosineWarmup(train.lr(), train.warmupSteps(), train.steps());
      TrainingProgress bar = TrainingProgress.of(progress, train.steps(), b, step);
      while (step < train.steps()) {
        SplittableRandom rng = new SplittableRandom(train.seed() * 0x9E3779B97F4A7C15L + step);
        for (int r = 0; r < b; r++) {
          int m = rng.nextInt(trajectories.count());
          int k = anchors.length == 1 || rng.nextDouble() < spec.firstAnchorWeight() ? 0
              : 1 + rng.nextInt(anchors.length - 1);
          trajectories.copyRow(m, k, r, sample, cond, target);
          timesteps[r] = anchors[k];
        }
        double loss = net.lossAndGradient(sample, timesteps, cond, target, b);
        if (!Double.isFinite(loss)) {
          throw new IllegalStateException("loss is " + loss + " at step " + (step + 1) + ": lower train.lr");
        }
        double rate = lr.at(step);
        optimizer.step(params, net.gradient(), rate);
        ema.update(params);
        step++;
        log.add(step, loss, rate);
        if (train.checkpointEvery() > 0 && step % train.checkpointEvery() == 0 && step < train.steps()) {
          save(checkpointFile, step, net, optimizer, ema, log, out, train.seed());
        }
        if (bar != null) {
          bar.update(step, log.recentMean(20), rate);
        }
      }
      save(checkpointFile, step, net, optimizer, ema, log, out, train.seed());
      Map<String, Tensor> weights = net.layout().tensors(ema.average());
      new ModelDirectory(studentConfig, weights, teacher.normalizer()).save(out);
      LossPlot.write(out.resolve("loss.png"), log.entries(), "consistency distillation loss (x0 MSE)");
      double first = log.entries().subList(0, Math.min(20, log.entries().size())).stream()
          .mapToDouble(LossLog.Entry::loss).average().orElse(Double.NaN);
      return new Result(step, trajectories.count(), anchors, first, log.recentMean(20), teacherSeconds,
          (System.nanoTime() - start) / 1e9);
    }
  }

  private static void save(Path file, int step, TrainableUnet1d net, FlatAdamW optimizer, FlatEma ema, LossLog log,
      Path out, long seed) throws IOException {
    Checkpoint.saveFlat(file, new Checkpoint.State(step, optimizer.updates(), ema.optimizationStep(), seed),
        net.layout(), net.parameters(), ema.average(), optimizer.firstMoments(), optimizer.secondMoments());
    log.write(out.resolve(LossLog.FILE));
  }
}
