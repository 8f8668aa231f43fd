package io.diffpilot.sim.eval;

import io.diffpilot.core.ChunkPolicy;
import io.diffpilot.core.Sampling;
import io.diffpilot.sim.pusht.ObservationKind;
import io.diffpilot.sim.pusht.PushTEnv;
import io.diffpilot.sim.pusht.PushTState;
import io.diffpilot.sim.pusht.SolverSettings;
import io.diffpilot.sim.pusht.StepResult;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Runs a {@link ChunkPolicy} on Push-T as the paper evaluates it: per episode, reset(seed), then
 * receding horizon — observe the last To observations, predict a chunk, execute its Ta actions,
 * re-plan — until success or the step limit. The score is the mean over episodes of the max
 * reward reached.
 *
 * <p>Deterministic for a seed range and sampler seed: every chunk's noise seed is derived from
 * the episode seed and the step ({@link EvalConfig#chunkSeed}), and results are stored by
 * episode, whatever worker ran it. Each worker has its own environment and its own policy.
 */
public final class PushTEvaluation {
  private final EvalConfig config;
  private final IntFunction<ChunkPolicy> policyFactory;

  /**
   * @param policyFactory called once per worker with the worker index; its policy is closed at the end
   */
  public PushTEvaluation(EvalConfig config, IntFunction<ChunkPolicy> policyFactory) {
    this.config = Objects.requireNonNull(config, "config");
    this.policyFactory = Objects.requireNonNull(policyFactory, "policyFactory");
  }

  /** One episode's record: outcome, latencies, and (for the GIF) its states and actions. */
  record EpisodeRun(EpisodeOutcome outcome, long[] latencyNanos, List<PushTState> states, List<float[]> actions) {}

  /**
   * Runs every episode.
   *
   * @param progress where the progress bar goes (stderr in the CLI), or null for none
   */
  public EvalReport run(PrintStream progress) throws InterruptedException {
    int n = config.episodes();
    EpisodeRun[] runs = new EpisodeRun[n];
    AtomicInteger next = new AtomicInteger();
    EvaluationProgress bar = new EvaluationProgress(progress, n);
    long t0 = System.nanoTime();
    int workers = Math.min(config.workers(), n);
    ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
      Thread t = new Thread(r, "pusht-eval");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int w = 0; w < workers; w++) {
        final int worker = w;
        futures.add(pool.submit(() -> {
          try (ChunkPolicy policy = policyFactory.apply(worker)) {
            ObservationKind kind = observationFor(policy);
            PushTEnv env = new PushTEnv(kind, config.maxSteps(), SolverSettings.tuned());
            int i;
            while ((i = next.getAndIncrement()) < n) {
              runs[i] = runEpisode(env, policy, config.seedStart() + i, i < config.gifEpisodes());
              bar.episodeDone(runs[i].outcome());
            }
          }
          return null;
        }));
      }
      for (Future<?> f : futures) {
        try {
          f.get();
        } catch (ExecutionException e) {
          Throwable cause = e.getCause();
          if (cause instanceof RuntimeException re) {
            throw re;
          }
          throw new IllegalStateException("evaluation worker failed: " + cause, cause);
        }
      }
    } finally {
      pool.shutdownNow();
    }
    bar.finish();
    double wallSeconds = (System.nanoTime() - t0) / 1e9;
    List<EpisodeOutcome> outcomes = new ArrayList<>(n);
    List<long[]> latencies = new ArrayList<>(n);
    List<List<PushTState>> gifStates = new ArrayList<>();
    List<List<float[]>> gifActions = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      outcomes.add(runs[i].outcome());
      latencies.add(runs[i].latencyNanos());
      if (runs[i].states() != null) {
        gifStates.add(runs[i].states());
        gifActions.add(runs[i].actions());
      }
    }
    long[] all = latencies.stream().flatMapToLong(Arrays::stream).toArray();
    return new EvalReport(config, outcomes, LatencyStats.ofNanos(all), wallSeconds, gifStates, gifActions);
  }

  private ObservationKind observationFor(ChunkPolicy policy) {
    int dim = policy.obsDim();
    ObservationKind kind = config.observation();
    if (kind == null) {
      for (ObservationKind k : ObservationKind.values()) {
        if (k.dim() == dim) {
          return k;
        }
      }
      throw new IllegalArgumentException("policy reads " + dim + " values per observation; Push-T offers "
          + "state (5) or keypoints (20)");
    }
    if (kind.dim() != dim) {
      throw new IllegalArgumentException("policy reads " + dim + " values per observation but the evaluation "
          + "feeds " + kind.name().toLowerCase() + " (" + kind.dim() + ")");
    }
    if (policy.actionDim() != 2) {
      throw new IllegalArgumentException("Push-T actions are 2-D; the policy returns " + policy.actionDim());
    }
    return kind;
  }

  private EpisodeRun runEpisode(PushTEnv env, ChunkPolicy policy, long seed, boolean keepFrames) {
    int to = policy.obsSteps();
    env.reset(seed);
    float[] first = env.observation();
    // History padded with the first observation, as diffusion_policy's MultiStepWrapper does.
    float[][] history = new float[to][];
    Arrays.fill(history, first);
    List<PushTState> states = keepFrames ? new ArrayList<>() : null;
    List<float[]> actions = keepFrames ? new ArrayList<>() : null;
    if (keepFrames) {
      states.add(env.state());
    }
    List<Long> lat = new ArrayList<>();
    double maxReward = 0;
    double maxCoverage = 0;
    boolean success = false;
    int steps = 0;
    int chunks = 0;
    boolean done = false;
    while (!done) {
      Sampling sampling = new Sampling(config.sampler(), config.inferenceSteps(), config.chunkSeed(seed, steps));
      long t0 = System.nanoTime();
      float[][] chunk = policy.predictChunk(copy(history), sampling);
      lat.add(System.nanoTime() - t0);
      chunks++;
      check(chunk, seed, steps, policy.actionDim());
      // Execute Ta actions, then re-plan; a policy returning its whole horizon gets cut to Ta.
      int ta = Math.min(chunk.length, Math.max(1, policy.actionSteps()));
      for (int k = 0; k < ta; k++) {
        float[] action = chunk[k];
        StepResult r = env.step(action);
        steps++;
        maxReward = Math.max(maxReward, r.reward());
        maxCoverage = Math.max(maxCoverage, r.coverage());
        success |= r.success();
        System.arraycopy(history, 1, history, 0, to - 1);
        history[to - 1] = r.observation();
        if (keepFrames) {
          actions.add(action.clone());
          states.add(r.state());
        }
        if (r.done()) {
          done = true;
          break;
        }
      }
    }
    long[] latency = lat.stream().mapToLong(Long::longValue).toArray();
    return new EpisodeRun(new EpisodeOutcome(seed, maxReward, maxCoverage, success, steps, chunks), latency, states, actions);
  }

  private static float[][] copy(float[][] h) {
    float[][] c = new float[h.length][];
    for (int i = 0; i < h.length; i++) {
      c[i] = h[i].clone();
    }
    return c;
  }

  private static void check(float[][] chunk, long seed, int step, int actionDim) {
    if (chunk == null || chunk.length == 0) {
      throw new IllegalStateException("policy returned an empty chunk (episode seed " + seed + ", step " + step + ")");
    }
    for (float[] a : chunk) {
      if (a == null || a.length != actionDim) {
        throw new IllegalStateException("policy returned an action of the wrong width (episode seed " + seed
            + ", step " + step + ")");
      }
      for (float v : a) {
        if (!Float.isFinite(v)) {
          throw new IllegalStateException("policy returned a non-finite action (episode seed " + seed
              + ", step " + step + ")");
        }
      }
    }
  }
}
