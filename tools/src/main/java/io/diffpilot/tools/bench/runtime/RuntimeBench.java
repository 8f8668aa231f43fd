package io.diffpilot.tools.bench.runtime;

import io.diffpilot.core.Clock;
import io.diffpilot.core.Observation;
import io.diffpilot.core.Sampling;
import io.diffpilot.runtime.control.ControlConfig;
import io.diffpilot.runtime.control.ControlLoop;
import io.diffpilot.runtime.fake.FixedCostPolicy;
import io.diffpilot.runtime.mqtt.BrokerConfig;
import io.diffpilot.runtime.mqtt.MqttRobotClient;
import io.diffpilot.runtime.mqtt.MqttTransport;
import io.diffpilot.runtime.mqtt.Topics;
import io.diffpilot.runtime.transport.Fault;
import io.diffpilot.runtime.transport.OutgoingChunk;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Closed-loop observation → chunk cycles over a real MQTT broker on loopback, with a
 * {@link FixedCostPolicy}: the robot publishes observation k, waits for the chunk answering k,
 * and records the end-to-end latency (capture → chunk received, one machine, one clock) and the
 * same minus the controller's reported inference time (the transport + runtime overhead).
 */
public final class RuntimeBench {
  /** Warm-up cycles between two looks at the JIT. */
  static final int JIT_BLOCK_CYCLES = 1000;
  /** A warm-up block in which the JIT compiled for at most this long is a quiet one. */
  static final long JIT_QUIET_MILLIS = 20;
  /**
   * Quiet blocks in a row that end the warm-up: C2 compiles in waves (measured over the embedded
   * broker: 1.9 s, 0.5, 0.6, 0.7, 0.03, 0.1, 0.1 s, then mostly under 10 ms per 1,000 cycles), so one
   * quiet block can be a lull.
   */
  static final int JIT_QUIET_BLOCKS = 3;

  /**
   * @param cycles measured cycles
   * @param warmup unmeasured cycles first (JIT, connections), at least
   * @param maxWarmup warm-up goes on past {@code warmup}, in blocks of {@value #JIT_BLOCK_CYCLES}
   *     cycles, until {@value #JIT_QUIET_BLOCKS} blocks in a row in which the JIT compiled for at
   *     most {@value #JIT_QUIET_MILLIS} ms each (steady state: a JIT compiling on one of two cores
   *     is what made the embedded broker's p99 4 ms), but not past this many cycles
   *     ({@code maxWarmup = warmup}: a fixed warm-up)
   * @param steps denoising steps per chunk (min = max, so every chunk costs the same)
   * @param stepCostNanos busy time of one step of the fake policy
   * @param obsDim observation width
   * @param actionDim action width
   * @param actionSteps actions per chunk
   */
  public record Settings(int cycles, int warmup, int maxWarmup, int steps, long stepCostNanos, int obsDim,
      int actionDim, int actionSteps) {
    public Settings {
      if (cycles < 1 || warmup < 0 || maxWarmup < warmup || steps < 1 || stepCostNanos < 0 || obsDim < actionDim
          || actionDim < 1 || actionSteps < 1) {
        throw new IllegalArgumentException("bench settings out of range: " + this);
      }
    }
  }

  /**
   * Figures of one run; latencies in ns, each array sorted. The legs split {@code overhead}:
   * {@code observationLeg} robot publish → control loop (robot's Paho, broker, controller's Paho
   * and decode), {@code controllerLeg} control loop → chunk handed to the transport, minus the
   * inference (executor hand-off, merge, clamp), {@code chunkLeg} transport → robot callback
   * (encode, controller's Paho, broker, robot's Paho and decode). {@code threads}: allocation and
   * CPU of the measured cycles per thread group of this JVM; {@code switches} its context switches
   * and run-queue wait per thread group (kernel names, {@link SchedulerStats}); {@code brokerSwitches}
   * and {@code brokerCpuNanos} those of an external broker process (null and -1 for an in-JVM
   * broker or when unknown). {@code gcPauses},
   * {@code gcPauseMillis}, {@code gcMaxPauseMillis}: stop-the-world pauses during the measured
   * cycles ({@link GcPauses}; a concurrent collector's cycles are not pauses). {@code warmupCycles}:
   * unmeasured cycles run first; {@code jitMillis}: time the JIT spent compiling during the measured
   * cycles (its threads compete for the cores; 0 where the JVM does not say).
   */
  public record Result(String broker, int cycles, int lost, long budgetNanos, long[] endToEnd, long[] overhead,
      long[] inference, long deadlineMisses, long gcPauses, long gcPauseMillis, long gcMaxPauseMillis,
      long inferenceP99Calibrated, long[] observationLeg, long[] controllerLeg, long[] chunkLeg,
      Map<String, ThreadCosts.Group> threads,
      Map<String, SchedulerStats.Counts> switches, SchedulerStats.Counts brokerSwitches, long brokerCpuNanos,
      int warmupCycles, long jitMillis) {

    public long percentile(long[] sorted, double q) {
      if (sorted.length == 0) {
        return 0;
      }
      int i = (int) Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
      return sorted[i];
    }

    public String describe() {
      return String.format(
          "%-10s cycles %d (lost %d) | end-to-end p50 %7.3f p99 %7.3f max %7.3f ms | minus inference p50 %6.3f p99 %6.3f max %7.3f ms"
              + " | inference p50 %6.3f p99 %6.3f ms | budget %.3f ms, deadline misses %d | GC pauses %d, %d ms, longest %d ms",
          broker, cycles, lost, ms(percentile(endToEnd, 0.5)), ms(percentile(endToEnd, 0.99)), ms(max(endToEnd)),
          ms(percentile(overhead, 0.5)), ms(percentile(overhead, 0.99)), ms(max(overhead)),
          ms(percentile(inference, 0.5)), ms(percentile(inference, 0.99)), ms(budgetNanos), deadlineMisses, gcPauses,
          gcPauseMillis, gcMaxPauseMillis);
    }

    /** One line: p50 / p99 / max of each leg. */
    public String describeLegs() {
      return String.format("%-10s legs p50/p99/max ms: observation %s | controller (minus inference) %s | chunk %s",
          broker, leg(observationLeg), leg(controllerLeg), leg(chunkLeg));
    }

    /**
     * One line: CPU and allocation per cycle of this JVM, its context switches per cycle
     * (voluntary = thread hand-offs, involuntary = preemptions) and run-queue wait (runnable, no
     * core free), and the same of an external broker process.
     */
    public String describeCost() {
      long bytes = threads.values().stream().mapToLong(ThreadCosts.Group::allocatedBytes).sum();
      long cpu = threads.values().stream().mapToLong(ThreadCosts.Group::cpuNanos).sum();
      SchedulerStats.Counts sw = SchedulerStats.total(switches);
      String b = brokerSwitches == null ? "" : String.format(
          " | broker process %.1f µs CPU, switches %.1f + %.2f, run-queue wait %.1f µs", perCycle(Math.max(0,
              brokerCpuNanos)) / 1e3, perCycle(brokerSwitches.voluntary()), perCycle(brokerSwitches.involuntary()),
          perCycle(brokerSwitches.runQueueWaitNanos()) / 1e3);
      return String.format("%-10s after %d warm-up cycles, JIT compiling %d ms during the measured ones"
          + " | per cycle: JVM %.0f µs CPU, %.1f KB allocated, context switches %.1f voluntary + %.2f involuntary,"
          + " run-queue wait %.1f µs%s",
          broker, warmupCycles, jitMillis, perCycle(cpu) / 1e3, perCycle(bytes) / 1024, perCycle(sw.voluntary()),
          perCycle(sw.involuntary()), perCycle(sw.runQueueWaitNanos()) / 1e3, b);
    }

    /** One line per thread group: bytes allocated and CPU used per measured cycle. */
    public String describeThreads() {
      StringBuilder b = new StringBuilder();
      long bytes = 0;
      long cpu = 0;
      for (Map.Entry<String, ThreadCosts.Group> e : threads.entrySet()) {
        ThreadCosts.Group g = e.getValue();
        bytes += g.allocatedBytes();
        cpu += g.cpuNanos();
        if (g.allocatedBytes() >= 1024L * Math.max(1, cycles) / 100 || g.cpuNanos() >= 1000L * Math.max(1, cycles)) {
          b.append(String.format("%-10s   %-32s x%-2d %8.0f B/cycle %8.1f µs CPU/cycle%n", broker, e.getKey(),
              g.threads(), perCycle(g.allocatedBytes()), perCycle(g.cpuNanos()) / 1e3));
        }
      }
      b.append(String.format("%-10s   %-32s     %8.0f B/cycle %8.1f µs CPU/cycle (%d threads)%n", broker,
          "all threads",
          perCycle(bytes), perCycle(cpu) / 1e3, threads.values().stream().mapToInt(ThreadCosts.Group::threads).sum()));
      for (Map.Entry<String, SchedulerStats.Counts> e : switches.entrySet()) {
        SchedulerStats.Counts c = e.getValue();
        if (c.voluntary() + c.involuntary() >= Math.max(1, cycles) / 10) {
          b.append(String.format("%-10s   switches %-23s %6.2f voluntary %6.2f involuntary %7.1f µs run-queue wait"
              + " per cycle%n", broker, e.getKey(), perCycle(c.voluntary()), perCycle(c.involuntary()),
              perCycle(c.runQueueWaitNanos()) / 1e3));
        }
      }
      return b.toString().stripTrailing();
    }

    private double perCycle(long total) {
      return (double) total / Math.max(1, cycles + lost);
    }

    private String leg(long[] sorted) {
      return String.format("%.3f/%.3f/%.3f", ms(percentile(sorted, 0.5)), ms(percentile(sorted, 0.99)),
          ms(max(sorted)));
    }

    private static long max(long[] sorted) {
      return sorted.length == 0 ? 0 : sorted[sorted.length - 1];
    }

    private static double ms(long nanos) {
      return nanos / 1e6;
    }
  }

  private final Settings settings;

  public RuntimeBench(Settings settings) {
    this.settings = settings;
  }

  /** Inference p99 of the fake policy alone at the configured steps (200 calls), for the budget. */
  public long calibrateInferenceP99() {
    FixedCostPolicy p = policy();
    float[][] history = new float[2][settings.obsDim()];
    long[] t = new long[200];
    Sampling s = Sampling.ddim(settings.steps(), 0);
    for (int i = 0; i < t.length; i++) {
      long t0 = System.nanoTime();
      p.predictChunk(history, s);
      t[i] = System.nanoTime() - t0;
    }
    Arrays.sort(t);
    return t[(int) Math.ceil(0.99 * t.length) - 1];
  }

  private FixedCostPolicy policy() {
    return new FixedCostPolicy(2, settings.obsDim(), settings.actionSteps(), settings.actionDim(), settings.stepCostNanos());
  }

  /** Runs the cycles against the broker at {@code broker} with a budget of 2 × the calibrated inference p99. */
  public Result run(String label, BrokerConfig broker) throws Exception {
    return run(label, broker, -1);
  }

  /**
   * As {@link #run(String, BrokerConfig)}, also reading the CPU time and context switches of the
   * broker's process {@code brokerPid} (-1: none, the broker is in this JVM or elsewhere).
   */
  public Result run(String label, BrokerConfig broker, long brokerPid) throws Exception {
    long p99 = calibrateInferenceP99();
    long budgetNanos = Math.max(2 * p99, 100_000L);
    String robot = "bench-" + label.replaceAll("[^A-Za-z0-9]", "");
    ControlConfig cc = ControlConfig.defaults(robot)
        .withBudget(budgetNanos, settings.steps(), settings.steps())
        // Trigger on every observation: each cycle is one full observation -> chunk round trip.
        .withTiming(100_000_000L, settings.actionSteps(), 1_000_000_000L, 5_000_000_000L);
    cc = new ControlConfig(cc.robotId(), cc.stepNanos(), cc.actionOffsetNanos(), cc.budgetNanos(), cc.minSteps(),
        cc.maxSteps(), 1.0, cc.sampler(), cc.seed(), cc.triggerRemaining(), cc.stalenessNanos(), cc.watchdogNanos(),
        cc.mergeRule(), cc.averageWeight(), cc.exponentialK(), null, 3_600_000_000_000L);
    BlockingQueue<long[]> arrivals = new ArrayBlockingQueue<>(1024);
    int most = settings.maxWarmup() + settings.cycles();
    LegTimer transport = new LegTimer(new MqttTransport(broker, Topics.of(robot), Clock.system()), most + 1);
    long[] e2e = new long[settings.cycles()];
    long[] over = new long[settings.cycles()];
    long[] inf = new long[settings.cycles()];
    long[] obsLeg = new long[settings.cycles()];
    long[] ctlLeg = new long[settings.cycles()];
    long[] chunkLeg = new long[settings.cycles()];
    ThreadCosts threads0 = null;
    SchedulerStats switches0 = null;
    SchedulerStats brokerSwitches0 = null;
    long brokerCpu0 = -1;
    int measured = 0;
    int lost = 0;
    GcPauses gc = null;
    long missesAtStart = 0;
    int warmedUp = -1; // warm-up cycles run, once warm-up is over
    JitWarmup warmup = new JitWarmup(settings.warmup(), settings.maxWarmup(), JIT_BLOCK_CYCLES, JIT_QUIET_MILLIS,
        JIT_QUIET_BLOCKS, jitMillis());
    long jitAtStart = 0;
    try (ControlLoop loop = new ControlLoop(cc, policy(), transport, Clock.system(), null);
        MqttRobotClient robotClient = new MqttRobotClient(broker, Topics.of(robot), c -> {
          long now = System.nanoTime();
          if (c.origin() == OutgoingChunk.Origin.POLICY) {
            arrivals.offer(new long[] {c.answersObservationSequence(), now, c.inferenceNanos()});
          }
        }, null)) {
      loop.start(0);
      float[] state = new float[settings.obsDim()];
      for (int k = 1; measured + lost < settings.cycles(); k++) {
        int done = k - 1;
        if (warmedUp < 0 && warmup.over(done, jitMillis())) {
          warmedUp = done;
        }
        if (warmedUp == done) {
          jitAtStart = jitMillis();
          gc = new GcPauses();
          missesAtStart = loop.faultCount(Fault.DEADLINE_MISS);
          threads0 = ThreadCosts.snapshot();
          switches0 = SchedulerStats.snapshot(ProcessHandle.current().pid());
          if (brokerPid > 0) {
            brokerSwitches0 = SchedulerStats.snapshot(brokerPid);
            brokerCpu0 = cpuNanos(brokerPid);
          }
        }
        state[0] = k % 100;
        long capture = System.nanoTime();
        robotClient.publishObservation(new Observation(k, capture, state));
        long[] got = null;
        // A cycle whose chunk has not come after 10 budgets (+ 200 ms of slack) is lost, not waited for.
        long deadline = capture + 200_000_000L + 10 * budgetNanos;
        while (true) {
          long left = deadline - System.nanoTime();
          long[] a = left <= 0 ? null : arrivals.poll(left, TimeUnit.NANOSECONDS);
          if (a == null) {
            break;
          }
          if (a[0] == k) {
            got = a;
            break;
          }
        }
        if (warmedUp < 0) {
          continue;
        }
        if (got == null) {
          lost++;
          continue;
        }
        e2e[measured] = got[1] - capture;
        inf[measured] = got[2];
        over[measured] = e2e[measured] - got[2];
        long received = transport.receivedNanos(k);
        long published = transport.publishedNanos(k);
        obsLeg[measured] = received - capture;
        ctlLeg[measured] = published - received - got[2];
        chunkLeg[measured] = got[1] - published;
        measured++;
      }
      Map<String, ThreadCosts.Group> threads = threads0 == null ? Map.of() : threads0.since();
      Map<String, SchedulerStats.Counts> switches = switches0 == null ? Map.of() : switches0.since();
      SchedulerStats.Counts brokerSwitches = brokerSwitches0 == null ? null
          : SchedulerStats.total(brokerSwitches0.since());
      long brokerCpu = brokerCpu0 < 0 || cpuNanos(brokerPid) < 0 ? -1 : cpuNanos(brokerPid) - brokerCpu0;
      long misses = loop.faultCount(Fault.DEADLINE_MISS) - missesAtStart;
      GcPauses.Figures pauses = gc == null ? new GcPauses.Figures(0, 0, 0) : gc.figures();
      long jitDuring = jitMillis() - jitAtStart;
      long[] e = Arrays.copyOf(e2e, measured);
      long[] o = Arrays.copyOf(over, measured);
      long[] i = Arrays.copyOf(inf, measured);
      Arrays.sort(e);
      Arrays.sort(o);
      Arrays.sort(i);
      return new Result(label, measured, lost, budgetNanos, e, o, i, misses, pauses.count(), pauses.totalMillis(),
          pauses.maxMillis(), p99, sorted(obsLeg, measured),
          sorted(ctlLeg, measured), sorted(chunkLeg, measured), threads, switches, brokerSwitches, brokerCpu,
          warmedUp, jitDuring);
    } finally {
      if (gc != null) {
        gc.close();
      }
    }
  }

  /** Total JIT compilation time of this JVM so far (ms), 0 where unknown. */
  private static long jitMillis() {
    CompilationMXBean c = ManagementFactory.getCompilationMXBean();
    return c != null && c.isCompilationTimeMonitoringSupported() ? c.getTotalCompilationTime() : 0;
  }

  private static long cpuNanos(long pid) {
    return ProcessHandle.of(pid).flatMap(h -> h.info().totalCpuDuration()).map(java.time.Duration::toNanos).orElse(-1L);
  }

  private static long[] sorted(long[] a, int n) {
    long[] s = Arrays.copyOf(a, n);
    Arrays.sort(s);
    return s;
  }
}
