package io.diffpilot.tools.bench.ros;

import io.diffpilot.core.ChunkPolicy;
import io.diffpilot.core.Clock;
import io.diffpilot.core.PolicyShape;
import io.diffpilot.core.Sampling;
import io.diffpilot.runtime.control.ControlConfig;
import io.diffpilot.runtime.control.ControlLoop;
import io.diffpilot.runtime.fake.FixedCostPolicy;
import io.diffpilot.runtime.ros.control.ObservationType;
import io.diffpilot.runtime.ros.control.RosTopics;
import io.diffpilot.runtime.ros.control.RosTransport;
import io.diffpilot.ros1.msg.Float32MultiArray;
import io.diffpilot.ros1.msg.JointTrajectory;
import io.diffpilot.ros1.msg.MultiArrayLayout;
import io.diffpilot.ros1.node.NodeConfig;
import io.diffpilot.ros1.node.RosNode;
import io.diffpilot.ros1.tcpros.Publication;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Observation → action chunk over TCPROS on loopback, through the real control loop: a robot
 * node publishes a Float32MultiArray, the DiffPilot node (RosTransport + ControlLoop + a
 * fixed-cost policy) answers with a JointTrajectory, the robot node receives it. One observation
 * is in flight at a time. Each round trip minus the policy's own time is the runtime's overhead
 * (decode, window, scheduling, thread hand-offs, merge, encode, two TCPROS hops).
 */
public final class RosLoopBench {

  /**
   * @param rounds measured round trips
   * @param warmup round trips run first and not measured
   * @param stepMicros fake policy cost per denoising step
   * @param obsDim observation width (the first value carries the round number)
   */
  public record Settings(int rounds, int warmup, long stepMicros, int obsDim, int actionSteps) {
    public Settings {
      if (rounds < 1 || warmup < 0 || stepMicros < 0 || obsDim < 2 || actionSteps < 1) {
        throw new IllegalArgumentException("need rounds >= 1, warmup >= 0, stepMicros >= 0, obsDim >= 2, actionSteps >= 1");
      }
    }
  }

  /**
   * Figures in microseconds.
   *
   * @param overheadMicros per round: round trip minus the policy's time, sorted
   * @param roundTripMicros per round: observation published → chunk received, sorted
   * @param lost rounds with no chunk within a second
   */
  public record Result(double[] overheadMicros, double[] roundTripMicros, int lost) {
    public double overheadPercentile(double p) {
      return percentile(overheadMicros, p);
    }

    public double roundTripPercentile(double p) {
      return percentile(roundTripMicros, p);
    }

    static double percentile(double[] sorted, double p) {
      if (sorted.length == 0) {
        return Double.NaN;
      }
      int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
      return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }
  }

  /** Times each predictChunk by the round number carried in the observation. */
  private static final class TimedPolicy implements ChunkPolicy {
    final ChunkPolicy inner;
    final Map<Long, Long> nanosByRound = new ConcurrentHashMap<>();

    final PolicyShape shape;

    TimedPolicy(ChunkPolicy inner) {
      this.inner = inner;
      this.shape = inner.shape();
    }

    @Override
    public PolicyShape shape() {
      return shape;
    }

    @Override
    public float[][] predictChunk(float[][] obsHistory, Sampling sampling) {
      long t0 = System.nanoTime();
      float[][] out = inner.predictChunk(obsHistory, sampling);
      nanosByRound.put((long) obsHistory[obsHistory.length - 1][0], System.nanoTime() - t0);
      return out;
    }
  }

  private RosLoopBench() {}

  /** Runs the benchmark against the master of {@code base}; both nodes live in this JVM. */
  public static Result run(NodeConfig base, Settings s) throws Exception {
    String ns = "/diffpilot_bench_" + ProcessHandle.current().pid();
    NodeConfig controllerConfig = new NodeConfig(base.masterUri(), base.host(), ns, "controller", Map.of(), Map.of(),
        base.masterPoll(), base.masterTimeout());
    NodeConfig robotConfig = new NodeConfig(base.masterUri(), base.host(), ns, "robot", Map.of(), Map.of(),
        base.masterPoll(), base.masterTimeout());
    int actionDim = 2;
    TimedPolicy policy = new TimedPolicy(new FixedCostPolicy(2, s.obsDim(), s.actionSteps(), actionDim, s.stepMicros() * 1000));
    // Every new observation triggers a chunk (trigger = Ta); 100 ms steps; a generous budget so
    // the scheduler's step choice, not a deadline, sets the policy time.
    ControlConfig control = ControlConfig.defaults("bench")
        .withBudget(50_000_000L, 4, 4)
        .withTiming(100_000_000L, s.actionSteps(), 1_000_000_000L, 5_000_000_000L);
    RosNode controller = RosNode.start(controllerConfig);
    RosTopics topics = RosTopics.defaults("bench", ObservationType.FLOAT32, List.of());
    BlockingQueue<long[]> arrivals = new ArrayBlockingQueue<>(1024);
    try (ControlLoop loop = new ControlLoop(control, policy, new RosTransport(controller, topics, Clock.system()), Clock.system(), null);
        RosNode robot = RosNode.start(robotConfig)) {
      loop.start(0);
      var chunks = robot.subscribe(ns + "/action_chunk", JointTrajectory.TYPE, t -> {
        long now = System.nanoTime();
        double first = t.points().get(0).positions()[0];
        arrivals.offer(new long[] {(long) Math.floor(first + 1e-6), now});
      });
      Publication<Float32MultiArray> obs = robot.advertise(ns + "/observation", Float32MultiArray.TYPE, false, 16);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (obs.subscriberCount() == 0 || chunks.connectedCount() == 0) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("the two nodes did not connect within 20 s");
        }
        Thread.sleep(10);
      }
      List<Double> overhead = new ArrayList<>();
      List<Double> roundTrip = new ArrayList<>();
      int lost = 0;
      float[] state = new float[s.obsDim()];
      for (int round = 1; round <= s.warmup() + s.rounds(); round++) {
        state[0] = round;
        long t0 = System.nanoTime();
        obs.publish(new Float32MultiArray(MultiArrayLayout.FLAT, state.clone()));
        long[] got = null;
        long until = t0 + TimeUnit.SECONDS.toNanos(1);
        while (got == null || got[0] != round) {
          long left = until - System.nanoTime();
          if (left <= 0) {
            got = null;
            break;
          }
          got = arrivals.poll(left, TimeUnit.NANOSECONDS);
        }
        if (got == null) {
          lost += round > s.warmup() ? 1 : 0;
          continue;
        }
        if (round > s.warmup()) {
          Long inference = policy.nanosByRound.get((long) round);
          double rt = (got[1] - t0) / 1e3;
          roundTrip.add(rt);
          overhead.add(rt - (inference == null ? 0 : inference / 1e3));
        }
        Thread.sleep(1); // lets the previous chunk's bookkeeping finish, as a real robot's period would
      }
      return new Result(sorted(overhead), sorted(roundTrip), lost);
    }
  }

  private static double[] sorted(List<Double> v) {
    double[] a = v.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(a);
    return a;
  }
}
