package io.diffpilot.runtime.simrobot;

import io.diffpilot.runtime.transport.OutgoingChunk;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Robot-side latency: remembers when each observation was captured and, when the chunk answering
 * it arrives, records capture → arrival (and the controller's reported inference time).
 * Thread-safe.
 */
public final class LatencyRecorder {
  private final LongSupplier clock;
  private final ConcurrentHashMap<Long, Long> captures = new ConcurrentHashMap<>();
  private long[] endToEnd = new long[1024];
  private long[] inference = new long[1024];
  private int count;

  public LatencyRecorder(LongSupplier clockNanos) {
    this.clock = clockNanos;
  }

  public void captured(long sequence, long captureNanos) {
    captures.put(sequence, captureNanos);
    if (captures.size() > 10_000) {
      captures.keySet().removeIf(k -> k < sequence - 5_000);
    }
  }

  public void arrived(OutgoingChunk chunk) {
    if (chunk.origin() != OutgoingChunk.Origin.POLICY) {
      return;
    }
    Long capture = captures.remove(chunk.answersObservationSequence());
    if (capture == null) {
      return;
    }
    long latency = clock.getAsLong() - capture;
    synchronized (this) {
      if (count == endToEnd.length) {
        endToEnd = Arrays.copyOf(endToEnd, count * 2);
        inference = Arrays.copyOf(inference, count * 2);
      }
      endToEnd[count] = latency;
      inference[count] = chunk.inferenceNanos();
      count++;
    }
  }

  /** End-to-end latencies so far, sorted (ns). */
  public synchronized long[] endToEndSorted() {
    long[] a = Arrays.copyOf(endToEnd, count);
    Arrays.sort(a);
    return a;
  }

  /** Inference times so far, sorted (ns). */
  public synchronized long[] inferenceSorted() {
    long[] a = Arrays.copyOf(inference, count);
    Arrays.sort(a);
    return a;
  }

  /** The q-quantile of sorted values (0 if empty). */
  public static long quantile(long[] sorted, double q) {
    if (sorted.length == 0) {
      return 0;
    }
    return sorted[(int) Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
  }
}
