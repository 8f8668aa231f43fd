package io.diffpilot.runtime.fleet;

import io.diffpilot.core.Clock;
import io.diffpilot.core.Observation;
import io.diffpilot.core.PolicyShape;
import io.diffpilot.runtime.control.ControlConfig;
import io.diffpilot.runtime.control.ControlLoop;
import io.diffpilot.runtime.mqtt.BrokerConfig;
import io.diffpilot.runtime.mqtt.InferenceTopics;
import io.diffpilot.runtime.mqtt.MqttInferenceClient;
import io.diffpilot.runtime.transport.OutgoingChunk;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One robot of a test fleet: a 10 Hz observation source (state [x, x, x, x, x] with x growing) and
 * its robot-side loop with remote inference of the fake model, in this JVM. Records when each
 * policy chunk arrived and which observation it answers.
 */
final class FakeFleetRobot implements AutoCloseable {
  static final long PERIOD_NANOS = 100_000_000L;
  private final ControlLoop loop;
  private final RemotePolicy policy;
  private final InProcessTransport transport;
  private final ScheduledExecutorService ticker;
  private final ConcurrentHashMap<Long, Long> captureOf = new ConcurrentHashMap<>();
  private volatile long lastPolicyChunkCaptureNanos = Long.MIN_VALUE;
  /** Arrival times (ns) of policy chunks with the capture time of the observation each answers. */
  private final java.util.List<long[]> arrivals = new java.util.concurrent.CopyOnWriteArrayList<>();
  private volatile long policyChunks;
  private long sequence;

  FakeFleetRobot(String robotId, BrokerConfig broker, ScheduledExecutorService ticker) throws Exception {
    ControlConfig cc = ControlConfig.defaults(robotId);
    policy = new RemotePolicy(new MqttInferenceClient(broker, InferenceTopics.defaults(), robotId), robotId, "fake",
        new PolicyShape(2, 5, 8, 2), cc.budgetNanos(), 2 * cc.budgetNanos());
    transport = new InProcessTransport(robotId, Clock.system(), this::onChunk);
    loop = new ControlLoop(cc, policy, transport, Clock.system(), null);
    loop.start(20_000_000L);
    this.ticker = ticker;
    ticker.scheduleAtFixedRate(this::observe, 0, PERIOD_NANOS, TimeUnit.NANOSECONDS);
  }

  private synchronized void observe() {
    long now = System.nanoTime();
    long seq = ++sequence;
    captureOf.put(seq, now);
    float x = (seq % 1000) * 0.001f;
    transport.offer(new Observation(seq, now, new float[] {x, x, x, x, x}));
  }

  private void onChunk(OutgoingChunk c) {
    if (c.origin() == OutgoingChunk.Origin.POLICY) {
      Long capture = captureOf.get(c.answersObservationSequence());
      if (capture != null) {
        lastPolicyChunkCaptureNanos = capture;
        arrivals.add(new long[] {System.nanoTime(), capture});
      }
      policyChunks++;
    }
  }

  /** Capture time of the newest observation a policy chunk has answered (MIN_VALUE: none yet). */
  long lastAnsweredCaptureNanos() {
    return lastPolicyChunkCaptureNanos;
  }

  /**
   * Nanoseconds from {@code t} until the first policy chunk answering an observation captured
   * after {@code t} arrived; MAX_VALUE if none has.
   */
  long freshChunkDelayAfter(long t) {
    long best = Long.MAX_VALUE;
    for (long[] a : arrivals) {
      if (a[1] > t) {
        best = Math.min(best, a[0] - t);
      }
    }
    return best;
  }

  long policyChunks() {
    return policyChunks;
  }

  RemotePolicy.Stats remoteStats() {
    return policy.stats();
  }

  ControlLoop loop() {
    return loop;
  }

  @Override
  public void close() {
    loop.close();
    policy.close();
  }

  static ScheduledExecutorService ticker() {
    return Executors.newScheduledThreadPool(2, r -> {
      Thread t = new Thread(r, "fake-fleet-ticker");
      t.setDaemon(true);
      return t;
    });
  }
}
