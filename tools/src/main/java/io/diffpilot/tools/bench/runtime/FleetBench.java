package io.diffpilot.tools.bench.runtime;

import io.diffpilot.core.Clock;
import io.diffpilot.core.PolicyShape;
import io.diffpilot.runtime.control.ControlConfig;
import io.diffpilot.runtime.control.ControlLoop;
import io.diffpilot.runtime.fleet.InProcessTransport;
import io.diffpilot.runtime.fleet.RemotePolicy;
import io.diffpilot.runtime.mqtt.BrokerConfig;
import io.diffpilot.runtime.mqtt.InferenceTopics;
import io.diffpilot.runtime.mqtt.MqttInferenceClient;
import io.diffpilot.runtime.simrobot.ChunkExecutor;
import io.diffpilot.runtime.simrobot.PushTRobot;
import io.diffpilot.runtime.transport.Fault;
import io.diffpilot.runtime.transport.OutgoingChunk;
import io.diffpilot.sim.pusht.ObservationKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One cell of the fleet benchmark: N simulated Push-T robots at 10 Hz, each with its robot-side
 * loop in this JVM and remote inference through the broker to the serve processes already
 * running. Observation→chunk latency is measured on the robot's clock from the capture of the
 * observation a chunk answers to the chunk's arrival at the robot.
 */
public final class FleetBench {

  /**
   * What one cell measured (after its warm-up).
   *
   * @param chunksPerSecond policy chunks that reached robots, per second
   * @param p50Nanos observation→chunk latency, median
   * @param p99Nanos observation→chunk latency, 99th percentile
   * @param deadlineMisses DEADLINE_MISS faults (inference over budget, or not even the minimum fits)
   * @param holds remote calls that ended without a chunk after the retry
   * @param fleetCpuNanos CPU time of this JVM (robots, loops, MQTT clients) during the cell
   * @param where where the policy chunks' round trips went
   */
  public record Cell(int robots, double chunksPerSecond, long p50Nanos, long p99Nanos, long deadlineMisses, long holds,
      long fleetCpuNanos, double seconds, Breakdown where) {}

  /**
   * The round trips of a cell split as the service reported them: p50 and p99 of the time queued
   * at the service, of its denoising call, and of the rest (broker hops both ways and the
   * robot-side hand-offs), and the mean batch a chunk came from.
   */
  public record Breakdown(long queueP50, long queueP99, long computeP50, long computeP99, long restP50, long restP99,
      double meanBatch) {
    public String describe() {
      return String.format("queue %.1f / %.1f, denoise %.1f / %.1f, broker and hand-offs %.1f / %.1f ms (p50 / p99);"
          + " mean batch %.2f", queueP50 / 1e6, queueP99 / 1e6, computeP50 / 1e6, computeP99 / 1e6, restP50 / 1e6,
          restP99 / 1e6, meanBatch);
    }
  }

  /** The parts of each measured round trip, from any robot's thread. */
  private static final class Parts {
    private long[][] values = new long[3][1024];
    private long batches;
    private int n;

    synchronized void add(RemotePolicy.Timing t, long roundTripNanos) {
      if (n == values[0].length) {
        for (int i = 0; i < 3; i++) {
          values[i] = Arrays.copyOf(values[i], 2 * n);
        }
      }
      values[0][n] = t.queuedNanos();
      values[1][n] = t.computeNanos();
      values[2][n] = Math.max(0, roundTripNanos - t.queuedNanos() - t.computeNanos());
      batches += t.batchSize();
      n++;
    }

    synchronized Breakdown summary() {
      long[][] q = new long[3][];
      for (int i = 0; i < 3; i++) {
        q[i] = Arrays.copyOf(values[i], n);
        Arrays.sort(q[i]);
      }
      return new Breakdown(quantile(q[0], 0.5), quantile(q[0], 0.99), quantile(q[1], 0.5), quantile(q[1], 0.99),
          quantile(q[2], 0.5), quantile(q[2], 0.99), n == 0 ? 0 : (double) batches / n);
    }
  }

  private FleetBench() {}

  /**
   * @param obsKind the model's observation layout (keypoints or state)
   * @param obsSteps, actionSteps layout of the served model
   * @param triggerRemaining each robot asks for its next chunk when this many actions remain: with
   *     the budget under one action period, 1 keeps the robot fed at a third of the requests of the
   *     single-robot default 4 (which replans early, for local inference)
   */
  public static Cell run(BrokerConfig broker, String model, int robots, ObservationKind obsKind, int obsSteps,
      int actionSteps, int steps, long budgetNanos, int triggerRemaining, double warmupSeconds, double seconds)
      throws Exception {
    AtomicBoolean measuring = new AtomicBoolean();
    AtomicBoolean running = new AtomicBoolean(true);
    List<long[]> latencies = new ArrayList<>();
    AtomicLong chunks = new AtomicLong();
    List<ControlLoop> loops = new ArrayList<>();
    List<RemotePolicy> policies = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    long[][] perRobot = new long[robots][];
    Parts parts = new Parts();
    int[] counts = new int[robots];
    try {
      for (int i = 0; i < robots; i++) {
        String id = "fleet" + i;
        int index = i;
        perRobot[i] = new long[(int) (seconds * 20) + 64];
        ControlConfig defaults = ControlConfig.defaults(id).withBudget(budgetNanos, steps, steps);
        ControlConfig cc = defaults.withTiming(defaults.stepNanos(), triggerRemaining, defaults.stalenessNanos(),
            defaults.watchdogNanos());
        RemotePolicy policy = new RemotePolicy(new MqttInferenceClient(broker, InferenceTopics.defaults(), id), id, model,
            new PolicyShape(obsSteps, obsKind.dim(), actionSteps, 2), budgetNanos, 2 * budgetNanos);
        policies.add(policy);
        ChunkExecutor executor = new ChunkExecutor();
        ConcurrentHashMap<Long, Long> captureOf = new ConcurrentHashMap<>();
        InProcessTransport transport = new InProcessTransport(id, Clock.system(), c -> {
          executor.accept(c);
          Long capture = captureOf.remove(c.answersObservationSequence());
          if (c.origin() == OutgoingChunk.Origin.POLICY && capture != null && measuring.get()) {
            chunks.incrementAndGet();
            RemotePolicy.Timing timing = policy.lastTiming(); // this thread's call just set it
            if (timing != null) {
              parts.add(timing, c.inferenceNanos());
            }
            synchronized (perRobot[index]) {
              if (counts[index] == perRobot[index].length) {
                perRobot[index] = Arrays.copyOf(perRobot[index], counts[index] * 2);
              }
              perRobot[index][counts[index]++] = System.nanoTime() - capture;
            }
          }
        });
        ControlLoop loop = new ControlLoop(cc, policy, transport, Clock.system(), null);
        loop.start(20_000_000L);
        loops.add(loop);
        PushTRobot robot = new PushTRobot(Clock.system(), executor, o -> {
          captureOf.put(o.sequence(), o.captureNanos());
          if (captureOf.size() > 1000) {
            captureOf.keySet().removeIf(k -> k < o.sequence() - 500);
          }
          return transport.offer(o);
        }, obsKind, 100_000);
        Thread t = new Thread(() -> {
          long seed = 1000L * index;
          while (running.get()) {
            try {
              robot.runEpisode(seed++, false);
            } catch (InterruptedException e) {
              return;
            }
          }
        }, "fleet-robot-" + i);
        t.setDaemon(true);
        threads.add(t);
      }
      // Start the robots spread over one period, as a real fleet would be, not in lock-step.
      for (Thread t : threads) {
        t.start();
        Thread.sleep(Math.max(1, 100 / Math.max(1, robots)));
      }
      Thread.sleep(Math.round(warmupSeconds * 1000));
      long missesBefore = loops.stream().mapToLong(l -> l.faultCount(Fault.DEADLINE_MISS)).sum();
      long holdsBefore = policies.stream().mapToLong(p -> p.stats().holds()).sum();
      long cpuBefore = ProcessCpu.selfNanos();
      long t0 = System.nanoTime();
      measuring.set(true);
      Thread.sleep(Math.round(seconds * 1000));
      measuring.set(false);
      double took = (System.nanoTime() - t0) / 1e9;
      long cpu = ProcessCpu.selfNanos() - cpuBefore;
      long misses = loops.stream().mapToLong(l -> l.faultCount(Fault.DEADLINE_MISS)).sum() - missesBefore;
      long holds = policies.stream().mapToLong(p -> p.stats().holds()).sum() - holdsBefore;
      int total = 0;
      for (int i = 0; i < robots; i++) {
        total += counts[i];
      }
      long[] all = new long[total];
      int k = 0;
      for (int i = 0; i < robots; i++) {
        synchronized (perRobot[i]) {
          System.arraycopy(perRobot[i], 0, all, k, counts[i]);
          k += counts[i];
        }
      }
      Arrays.sort(all);
      return new Cell(robots, chunks.get() / took, quantile(all, 0.5), quantile(all, 0.99), misses, holds, cpu, took,
          parts.summary());
    } finally {
      running.set(false);
      threads.forEach(Thread::interrupt);
      for (Thread t : threads) {
        t.join(2000);
      }
      loops.forEach(ControlLoop::close);
      policies.forEach(RemotePolicy::close);
    }
  }

  static long quantile(long[] sorted, double q) {
    if (sorted.length == 0) {
      return 0;
    }
    return sorted[(int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  }

  /** CPU time of processes from /proc (Linux), ns. */
  public static final class ProcessCpu {
    private static final double TICK_NANOS = 1e9 / 100; // USER_HZ is 100 on Linux

    private ProcessCpu() {}

    public static long selfNanos() throws IOException {
      return ofPid(ProcessHandle.current().pid());
    }

    /** utime + stime of {@code pid}; 0 if it is gone. */
    public static long ofPid(long pid) throws IOException {
      Path stat = Path.of("/proc", Long.toString(pid), "stat");
      if (!Files.exists(stat)) {
        return 0;
      }
      String s = Files.readString(stat);
      String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
      return Math.round((Long.parseLong(f[11]) + Long.parseLong(f[12])) * TICK_NANOS);
    }
  }
}
