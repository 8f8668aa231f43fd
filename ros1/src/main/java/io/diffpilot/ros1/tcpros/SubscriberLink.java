package io.diffpilot.ros1.tcpros;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One subscriber connected to one of our publications. A frame offered while the link is idle is
 * written at once with a non-blocking write (no thread hand-off on the latency path); whatever
 * the kernel does not take is queued (bounded, oldest whole frame dropped first) and written by
 * this link's own thread. Either way {@link #offer} never blocks the publisher, so a slow or
 * stalled subscriber only loses its own messages.
 */
final class SubscriberLink implements Runnable {

  private static final Logger LOG = LoggerFactory.getLogger(SubscriberLink.class);

  final int id;
  final String callerId;
  private final SocketChannel channel;
  private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
  private final int capacity;
  private final Runnable onClose;
  /** The unsent tail of a frame the fast path started: written first, never dropped. */
  private byte[] partial;
  private long dropped;
  private long sent;
  private boolean closed;
  private boolean writing;

  SubscriberLink(int id, String callerId, SocketChannel channel, int capacity, Runnable onClose) {
    this.id = id;
    this.callerId = callerId;
    this.channel = channel;
    this.capacity = capacity;
    this.onClose = onClose;
  }

  /** Sends or queues a frame (length prefix + body); drops the oldest queued one when full. */
  void offer(byte[] frame) {
    boolean failed = false;
    synchronized (this) {
      if (closed) {
        return;
      }
      if (!writing && partial == null && queue.isEmpty()) {
        try {
          ByteBuffer b = ByteBuffer.wrap(frame);
          channel.configureBlocking(false);
          try {
            channel.write(b);
          } finally {
            channel.configureBlocking(true);
          }
          if (!b.hasRemaining()) {
            sent++;
            return;
          }
          partial = Arrays.copyOfRange(frame, b.position(), frame.length);
          notifyAll();
          return;
        } catch (IOException e) {
          LOG.info("subscriber {} (connection {}) went away: {}", callerId, id, e.getMessage());
          failed = true;
        }
      } else {
        if (queue.size() >= capacity) {
          queue.pollFirst();
          dropped++;
        }
        queue.addLast(frame);
        notifyAll();
      }
    }
    if (failed) {
      close();
    }
  }

  synchronized long dropped() {
    return dropped;
  }

  synchronized long sent() {
    return sent;
  }

  synchronized boolean isOpen() {
    return !closed;
  }

  private synchronized byte[] take() throws InterruptedException {
    writing = false;
    notifyAll();
    while (partial == null && queue.isEmpty() && !closed) {
      wait();
    }
    if (closed) {
      return null;
    }
    writing = true;
    if (partial != null) {
      byte[] p = partial;
      partial = null;
      return p;
    }
    return queue.pollFirst();
  }

  @Override
  public void run() {
    try {
      byte[] frame;
      while ((frame = take()) != null) {
        ByteBuffer b = ByteBuffer.wrap(frame);
        while (b.hasRemaining()) {
          channel.write(b);
        }
        synchronized (this) {
          sent++;
        }
      }
    } catch (IOException e) {
      LOG.info("subscriber {} (connection {}) went away: {}", callerId, id, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      close();
    }
  }

  /** Lets the writer send what is queued (at most {@code millis}), then closes. */
  void closeAfterDrain(long millis) {
    long deadline = System.currentTimeMillis() + millis;
    synchronized (this) {
      while (!closed && (partial != null || !queue.isEmpty() || writing)) {
        long left = deadline - System.currentTimeMillis();
        if (left <= 0) {
          break;
        }
        try {
          wait(left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    close();
  }

  void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      queue.clear();
      partial = null;
      notifyAll();
    }
    try {
      channel.close();
    } catch (IOException ignored) {
      // closing a socket that is already broken: nothing left to release
    }
    onClose.run();
  }
}
