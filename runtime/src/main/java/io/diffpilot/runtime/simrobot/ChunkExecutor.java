package io.diffpilot.runtime.simrobot;

import io.diffpilot.core.ActionChunk;
import io.diffpilot.runtime.transport.OutgoingChunk;

/**
 * What a robot does with received chunks: executes them by their time stamps. A newer chunk
 * (higher sequence) replaces the older one from its start time on; before a chunk starts, the
 * previous one still runs; after the last slot, the last action is held. Chunks that arrive out of
 * order (lower sequence) are ignored. Thread-safe: chunks arrive on the MQTT thread, the control
 * tick reads.
 */
public final class ChunkExecutor {
  private ActionChunk current;
  private ActionChunk previous;
  private long lastSequence = -1;
  private long received;
  private long ignored;

  /** Takes a chunk from the controller. */
  public synchronized void accept(OutgoingChunk chunk) {
    if (chunk.sequence() <= lastSequence) {
      ignored++;
      return;
    }
    lastSequence = chunk.sequence();
    previous = current;
    current = chunk.chunk();
    received++;
  }

  /** The action scheduled at {@code nowNanos} (robot clock), or null before any chunk arrived. */
  public synchronized float[] actionAt(long nowNanos) {
    if (current == null) {
      return null;
    }
    ActionChunk c = current;
    if (nowNanos < c.startNanos() - c.stepNanos() / 2 && previous != null) {
      c = previous;
    }
    long idx = Math.floorDiv(nowNanos - c.startNanos() + c.stepNanos() / 2, c.stepNanos());
    idx = Math.max(0, Math.min(idx, c.length() - 1));
    return c.actions()[(int) idx].clone();
  }

  /** Forgets every chunk (new episode); keeps the sequence so that late chunks stay ignored. */
  public synchronized void clear() {
    current = null;
    previous = null;
  }

  public synchronized long receivedCount() {
    return received;
  }

  public synchronized long ignoredCount() {
    return ignored;
  }
}
