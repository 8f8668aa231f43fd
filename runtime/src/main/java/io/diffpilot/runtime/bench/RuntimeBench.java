package io.diffpilot.runtime.bench;

import io.diffpilot.core.Clock;
import io.diffpilot.core.Observation;
import io.diffpilot.core.Sampling;
import io.diffpilot.runtime.control.ControlConfig;
import io.diffpilot.runtime.control.ControlLoop;
import io.diffpilot.runtime.mqtt.BrokerConfig;
import io.diffpilot.runtime.mqtt.MqttRobotClient;
import io.diffpilot.runtime.mqtt.MqttTransport;
import io.diffpilot.runtime.mqtt.Topics;
import io.diffpilot.runtime.transport.Fault;
import io.diffpilot.runtime.transport.OutgoingChunk;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
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

  /**
   * @param cycles measured cycles
   * @param warmup unmeasured cycles first (JIT, connections)
   * @param steps denoising steps per chunk (min = max, so every chunk costs the same)
   * @param stepCostNanos busy time of one step of the fake policy
   * @param obsDim observation width
   * @param actionDim action width
   * @param actionSteps actions per chunk
   */
  public record Settings(int cycles, int warmup, int steps, long stepCostNanos, int obsDim, int actionDim,
      int actionSteps) {
    public Settings {
      if (cycles < 1 || warmup < 0 || steps < 1 || stepCostNanos < 0 || obsDim < actionDim || actionDim < 1
          || actionSteps < 1) {
        throw new IllegalArgumentException("bench settings out of range: " + this);
      }
    }
  }

  /** Figures of one run; latencies in ns. */
  public record Result(String broker, int cycles, int lost, long budgetNanos, long[] endToEnd, long[] overhead,
      long[] inference, long deadlineMisses, long gcCount, long gcMillis, long inferenceP99Calibrated) {

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
              + " | inference p50 %6.3f p99 %6.3f ms | budget %.3f ms, deadline misses %d | GC %d collections, %d ms",
          broker, cycles, lost, ms(percentile(endToEnd, 0.5)), ms(percentile(endToEnd, 0.99)), ms(max(endToEnd)),
          ms(percentile(overhead, 0.5)), ms(percentile(overhead, 0.99)), ms(max(overhead)),
          ms(percentile(inference, 0.5)), ms(percentile(inference, 0.99)), ms(budgetNanos), deadlineMisses, gcCount,
          gcMillis);
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
    long p99 = calibrateInferenceP99();
    long budget = Math.max(2 * p99, 100_000L);
    String robot = "bench-" + label.replaceAll("[^A-Za-z0-9]", "");
    ControlConfig cc = ControlConfig.defaults(robot)
        .withBudget(budget, settings.steps(), settings.steps())
        // Trigger on every observation: each cycle is one full observation -> chunk round trip.
        .withTiming(100_000_000L, settings.actionSteps(), 1_000_000_000L, 5_000_000_000L);
    cc = new ControlConfig(cc.robotId(), cc.stepNanos(), cc.actionOffsetNanos(), cc.budgetNanos(), cc.minSteps(),
        cc.maxSteps(), 1.0, cc.sampler(), cc.seed(), cc.triggerRemaining(), cc.stalenessNanos(), cc.watchdogNanos(),
        cc.mergeRule(), cc.averageWeight(), cc.exponentialK(), null, 3_600_000_000_000L);
    BlockingQueue<long[]> arrivals = new ArrayBlockingQueue<>(1024);
    MqttTransport transport = new MqttTransport(broker, Topics.of(robot), Clock.system());
    int total = settings.warmup() + settings.cycles();
    long[] e2e = new long[settings.cycles()];
    long[] over = new long[settings.cycles()];
    long[] inf = new long[settings.cycles()];
    int measured = 0;
    int lost = 0;
    long gcCount0 = 0;
    long gcTime0 = 0;
    long missesAtStart = 0;
    try (ControlLoop loop = new ControlLoop(cc, policy(), transport, Clock.system(), null);
        MqttRobotClient robotClient = new MqttRobotClient(broker, Topics.of(robot), c -> {
          long now = System.nanoTime();
          if (c.origin() == OutgoingChunk.Origin.POLICY) {
            arrivals.offer(new long[] {c.answersObservationSequence(), now, c.inferenceNanos()});
          }
        }, null)) {
      loop.start(0);
      float[] state = new float[settings.obsDim()];
      for (int k = 1; k <= total; k++) {
        if (k == settings.warmup() + 1) {
          gcCount0 = gcCount();
          gcTime0 = gcMillis();
          missesAtStart = loop.faultCount(Fault.DEADLINE_MISS);
        }
        state[0] = k % 100;
        long capture = System.nanoTime();
        robotClient.publishObservation(new Observation(k, capture, state));
        long[] got = null;
        // A cycle whose chunk has not come after 10 budgets (+ 200 ms of slack) is lost, not waited for.
        long deadline = capture + 200_000_000L + 10 * budget;
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
        if (k <= settings.warmup()) {
          continue;
        }
        if (got == null) {
          lost++;
          continue;
        }
        e2e[measured] = got[1] - capture;
        inf[measured] = got[2];
        over[measured] = e2e[measured] - got[2];
        measured++;
      }
      long misses = loop.faultCount(Fault.DEADLINE_MISS) - missesAtStart;
      long gcc = gcCount() - gcCount0;
      long gct = gcMillis() - gcTime0;
      long[] e = Arrays.copyOf(e2e, measured);
      long[] o = Arrays.copyOf(over, measured);
      long[] i = Arrays.copyOf(inf, measured);
      Arrays.sort(e);
      Arrays.sort(o);
      Arrays.sort(i);
      return new Result(label, measured, lost, budget, e, o, i, misses, gcc, gct, p99);
    }
  }

  private static long gcCount() {
    long n = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      n += Math.max(0, gc.getCollectionCount());
    }
    return n;
  }

  private static long gcMillis() {
    long n = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      n += Math.max(0, gc.getCollectionTime());
    }
    return n;
  }
}
