package io.diffpilot.tools.bench.runtime;

import io.diffpilot.core.Observation;
import io.diffpilot.runtime.transport.ControllerTransport;
import io.diffpilot.runtime.transport.OutgoingChunk;
import io.diffpilot.runtime.transport.RuntimeStatus;
import io.diffpilot.runtime.transport.TransportException;
import io.diffpilot.runtime.transport.TransportListener;
import java.util.Objects;

/**
 * Splits a benchmark cycle into legs: wraps the controller's transport and notes, per observation
 * sequence, when the transport handed the observation to the control loop and when the loop
 * handed the chunk answering it back to the transport. With the robot's capture and arrival times
 * that gives observation leg (robot → broker → controller), controller leg (hand-offs, merge,
 * encode; the inference is subtracted) and chunk leg (controller → broker → robot).
 *
 * <p>Times live in preallocated arrays indexed by sequence (1 … capacity − 1), so timing a cycle
 * allocates nothing; sequences outside that range are ignored. Written on the transport's and the
 * inference thread, read after the run (the bench's own hand-off orders the writes before its
 * reads).
 */
final class LegTimer implements ControllerTransport {
  private final ControllerTransport inner;
  private final long[] receivedNanos;
  private final long[] publishedNanos;

  LegTimer(ControllerTransport inner, int capacity) {
    this.inner = Objects.requireNonNull(inner, "inner");
    this.receivedNanos = new long[capacity];
    this.publishedNanos = new long[capacity];
  }

  @Override
  public void start(TransportListener listener) throws TransportException {
    Objects.requireNonNull(listener, "listener");
    inner.start(new TransportListener() {
      @Override
      public void onObservation(String robotId, Observation observation, long received) {
        long seq = observation.sequence();
        if (seq > 0 && seq < receivedNanos.length) {
          receivedNanos[(int) seq] = received;
        }
        listener.onObservation(robotId, observation, received);
      }

      @Override
      public void onMalformed(String robotId, String reason) {
        listener.onMalformed(robotId, reason);
      }

      @Override
      public void onEmergencyStop(String robotId, boolean engaged) {
        listener.onEmergencyStop(robotId, engaged);
      }

      @Override
      public void onConnectionChange(boolean connected) {
        listener.onConnectionChange(connected);
      }
    });
  }

  @Override
  public boolean publishChunk(OutgoingChunk chunk) {
    long seq = chunk.answersObservationSequence();
    if (chunk.origin() == OutgoingChunk.Origin.POLICY && seq > 0 && seq < publishedNanos.length) {
      publishedNanos[(int) seq] = System.nanoTime();
    }
    return inner.publishChunk(chunk);
  }

  @Override
  public boolean publishStatus(RuntimeStatus status) {
    return inner.publishStatus(status);
  }

  @Override
  public boolean isConnected() {
    return inner.isConnected();
  }

  @Override
  public void close() {
    inner.close();
  }

  /** When the observation {@code seq} reached the control loop (0 if never). */
  long receivedNanos(long seq) {
    return seq > 0 && seq < receivedNanos.length ? receivedNanos[(int) seq] : 0;
  }

  /** When the chunk answering {@code seq} was handed to the transport (0 if never). */
  long publishedNanos(long seq) {
    return seq > 0 && seq < publishedNanos.length ? publishedNanos[(int) seq] : 0;
  }
}
