package io.diffpilot.policy.fast;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed set of threads that run one {@link Task} at a time, split in parts: the caller runs
 * part 0, each worker one other part, and {@link #invoke} returns when all are done.
 *
 * <p>A forward pass hands out a few dozen small tasks in a row, microseconds apart, so workers
 * spin briefly for the next one before parking; handing a task to a parked worker costs an
 * unpark (tens of microseconds), a spinning one a cache-line transfer. Nothing is allocated per
 * task.
 */
final class WorkerPool implements AutoCloseable {

  /** Work split in {@code parts} independent pieces. */
  interface Task {
    void run(int part, int parts);
  }

  private static final long SPIN_NANOS = 200_000;

  private final int parts;
  private final Thread[] workers;
  private final AtomicInteger pending = new AtomicInteger();
  private volatile Task current;
  private volatile long epoch;
  private volatile boolean closed;
  private volatile Throwable failure;
  private final Object parkLock = new Object();
  private final boolean[] parked;

  WorkerPool(int threads, String name) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    this.parts = threads;
    this.workers = new Thread[threads - 1];
    this.parked = new boolean[threads - 1];
    for (int i = 0; i < workers.length; i++) {
      int part = i + 1;
      Thread t = new Thread(() -> loop(part), name + "-" + part);
      t.setDaemon(true);
      workers[i] = t;
      t.start();
    }
  }

  int threads() {
    return parts;
  }

  /** Runs {@code task} in all parts and waits for them; rethrows a worker's failure. */
  void invoke(Task task) {
    if (closed) {
      throw new IllegalStateException("worker pool is closed");
    }
    if (parts == 1) {
      task.run(0, 1);
      return;
    }
    current = task;
    pending.set(parts - 1);
    epoch = epoch + 1;
    for (int i = 0; i < workers.length; i++) {
      if (isParked(i)) {
        LockSupport.unpark(workers[i]);
      }
    }
    Throwable own = null;
    try {
      task.run(0, parts);
    } catch (Throwable t) {
      own = t;
    }
    while (pending.get() != 0) {
      Thread.onSpinWait();
    }
    current = null;
    Throwable f = failure;
    if (own != null || f != null) {
      failure = null;
      Throwable t = own != null ? own : f;
      if (t instanceof RuntimeException re) {
        throw re;
      }
      if (t instanceof Error e) {
        throw e;
      }
      throw new IllegalStateException(t);
    }
  }

  private boolean isParked(int i) {
    synchronized (parkLock) {
      return parked[i];
    }
  }

  private void setParked(int i, boolean value) {
    synchronized (parkLock) {
      parked[i] = value;
    }
  }

  private void loop(int part) {
    long seen = 0;
    while (!closed) {
      long start = System.nanoTime();
      while (epoch == seen && !closed) {
        if (System.nanoTime() - start < SPIN_NANOS) {
          Thread.onSpinWait();
        } else {
          setParked(part - 1, true);
          if (epoch == seen && !closed) {
            LockSupport.park(this);
          }
          setParked(part - 1, false);
          start = System.nanoTime();
        }
      }
      if (closed) {
        return;
      }
      seen = epoch;
      try {
        current.run(part, parts);
      } catch (Throwable t) {
        failure = t;
      } finally {
        pending.decrementAndGet();
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    for (Thread t : workers) {
      LockSupport.unpark(t);
    }
  }
}
