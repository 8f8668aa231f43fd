package io.diffpilot.runtime.simrobot;

import io.diffpilot.core.Clock;
import io.diffpilot.core.Observation;
import io.diffpilot.sim.pusht.ObservationKind;
import io.diffpilot.sim.pusht.PushTEnv;
import io.diffpilot.sim.pusht.PushTState;
import io.diffpilot.sim.pusht.SolverSettings;
import io.diffpilot.sim.pusht.StepResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Push-T as a robot on the wire: every 100 ms (on its {@link Clock}) it publishes an observation
 * stamped with the tick time, then applies the action its {@link ChunkExecutor} schedules for
 * that time (holding the agent where it is while no chunk has arrived). One instance runs one
 * episode at a time; not thread-safe.
 */
public final class PushTRobot {
  /** One step of an episode, for rollout GIFs. */
  public record Frame(PushTState state, float[] action) {}

  /** What one episode achieved. */
  public record EpisodeResult(long seed, int steps, double maxCoverage, double finalCoverage, boolean success,
      List<Frame> frames) {}

  private final Clock clock;
  private final ChunkExecutor executor;
  private final Predicate<Observation> publisher;
  private final ObservationKind kind;
  private final int maxSteps;
  /** Drawn once per robot instance (non-zero): a restarted robot is a new session to the controller. */
  private final long session = newSession();
  private long sequence;

  /**
   * @param publisher sends one observation (false if it could not be sent: counted, the robot goes on)
   */
  public PushTRobot(Clock clock, ChunkExecutor executor, Predicate<Observation> publisher, ObservationKind kind,
      int maxSteps) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.executor = Objects.requireNonNull(executor, "executor");
    this.publisher = Objects.requireNonNull(publisher, "publisher");
    this.kind = Objects.requireNonNull(kind, "kind");
    this.maxSteps = maxSteps;
  }

  private static long newSession() {
    long s;
    do {
      s = new java.security.SecureRandom().nextLong();
    } while (s == 0);
    return s;
  }

  /** Runs one episode from the reference start of {@code seed}; {@code keepFrames} for a GIF. */
  public EpisodeResult runEpisode(long seed, boolean keepFrames) throws InterruptedException {
    PushTEnv env = new PushTEnv(kind, maxSteps, SolverSettings.tuned());
    PushTState state = env.reset(seed);
    executor.clear();
    List<Frame> frames = new ArrayList<>();
    long period = 1_000_000_000L / PushTEnv.CONTROL_HZ;
    long tick = clock.nanos();
    double best = env.coverage();
    double last = best;
    boolean success = false;
    int steps = 0;
    while (!env.isDone()) {
      clock.sleepUntil(tick);
      publisher.test(new Observation(++sequence, tick, kind.of(state), session));
      float[] action = executor.actionAt(tick);
      if (action == null || action.length != 2 || !Float.isFinite(action[0]) || !Float.isFinite(action[1])) {
        action = new float[] {(float) state.agentX(), (float) state.agentY()}; // hold still
      }
      if (keepFrames) {
        frames.add(new Frame(state, action));
      }
      StepResult r = env.step(action);
      state = r.state();
      steps = r.step();
      last = r.coverage();
      best = Math.max(best, last);
      success = r.success();
      tick += period;
    }
    if (keepFrames) {
      frames.add(new Frame(state, null));
    }
    return new EpisodeResult(seed, steps, best, last, success, frames);
  }
}
