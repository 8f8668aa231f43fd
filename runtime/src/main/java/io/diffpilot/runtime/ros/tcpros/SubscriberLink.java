package io.diffpilot.runtime.ros.tcpros;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.util.ArrayDeque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One subscriber connected to one of our publications. Frames are queued (bounded, oldest
 * dropped first) and written by this link's own thread, so a slow or stalled subscriber only
 * loses its own messages: {@link #offer} never blocks the publisher.
 */
final class SubscriberLink implements Runnable {

  private static final Logger LOG = LoggerFactory.getLogger(SubscriberLink.class);

  final int id;
  final String callerId;
  private final Socket socket;
  private final OutputStream out;
  private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
  private final int capacity;
  private final Runnable onClose;
  private long dropped;
  private long sent;
  private boolean closed;

  SubscriberLink(int id, String callerId, Socket socket, int capacity, Runnable onClose) throws IOException {
    this.id = id;
    this.callerId = callerId;
    this.socket = socket;
    this.out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
    this.capacity = capacity;
    this.onClose = onClose;
  }

  /** Queues a frame (length prefix + body); drops the oldest queued one when full. */
  synchronized void offer(byte[] frame) {
    if (closed) {
      return;
    }
    if (queue.size() >= capacity) {
      queue.pollFirst();
      dropped++;
    }
    queue.addLast(frame);
    notifyAll();
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
    while (queue.isEmpty() && !closed) {
      wait();
    }
    return closed ? null : queue.pollFirst();
  }

  @Override
  public void run() {
    try {
      byte[] frame;
      while ((frame = take()) != null) {
        out.write(frame);
        if (queueEmpty()) {
          out.flush();
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

  private synchronized boolean queueEmpty() {
    return queue.isEmpty();
  }

  void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      queue.clear();
      notifyAll();
    }
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing a socket that is already broken: nothing left to release
    }
    onClose.run();
  }
}
