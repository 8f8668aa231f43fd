package io.diffpilot.policy.fast;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed set of threads that run one {@link Task} at a time, split in {@code threads} parts, and
 * {@link #invoke} returns when all parts are done.
 *
 * <p>Parts are claimed, not assigned: the caller and the workers take the next unclaimed part
 * until none is left. On a busy machine a descheduled worker therefore costs the forward pass
 * only its own claimed part, never a wait for it to wake up: the caller runs the rest itself.
 * Workers spin briefly for the next task (a forward pass hands out a few dozen, microseconds
 * apart), then park. Nothing is allocated per task.
 *
 * <p>The caller, once its own parts are done, spins only briefly for a straggler and then parks
 * until the last part finishes. On a machine with as many cores as threads, a straggler is a
 * worker that another process preempted mid-part: while the caller spins, the straggler's core
 * stays taken by that process and the caller's by the spin, so the straggler waits for a full
 * scheduler slice (milliseconds). A parked caller frees its core and the scheduler moves the
 * straggler there at once.
 */
final class WorkerPool implements AutoCloseable {

  /** Work split in {@code parts} independent pieces. */
  interface Task {
    void run(int part, int parts);
  }

  private static final long SPIN_NANOS = 200_000;
  /** How long the caller spins for stragglers before it parks (see the class comment). */
  private static final long CALLER_SPIN_NANOS = Long.getLong("diffpilot.fast.callerSpinNanos", 50_000);
  private static final int PART_BITS = 16;
  private static final long PART_MASK = (1L << PART_BITS) - 1;

  private final int parts;
  private final Thread[] workers;
  private final boolean[] parked;
  private final Object parkLock = new Object();
  /** {@code epoch << 16 | next unclaimed part} of the task in {@link #current}. */
  private final AtomicLong state = new AtomicLong();
  private final AtomicInteger done = new AtomicInteger();
  private volatile Task current;
  private volatile Thread caller;
  private volatile boolean callerParked;
  private volatile boolean closed;
  private volatile Throwable failure;

  WorkerPool(int threads, String name) {
    if (threads < 1 || threads > PART_MASK) {
      throw new IllegalArgumentException("threads must be in 1.." + PART_MASK + ", got " + threads);
    }
    this.parts = threads;
    this.workers = new Thread[threads - 1];
    this.parked = new boolean[threads - 1];
    // Nothing to claim until the first task: the part counter starts exhausted.
    state.set(parts);
    for (int i = 0; i < workers.length; i++) {
      int index = i;
      Thread t = new Thread(() -> loop(index), name + "-" + (i + 1));
      t.setDaemon(true);
      workers[i] = t;
      t.start();
    }
  }

  int threads() {
    return parts;
  }

  /** Runs {@code task} in all parts and waits for them; rethrows a part's failure. */
  void invoke(Task task) {
    if (closed) {
      throw new IllegalStateException("worker pool is closed");
    }
    if (parts == 1) {
      task.run(0, 1);
      return;
    }
    current = task;
    done.set(0);
    long epoch = (state.get() >>> PART_BITS) + 1;
    state.set(epoch << PART_BITS);
    for (int i = 0; i < workers.length; i++) {
      if (isParked(i)) {
        LockSupport.unpark(workers[i]);
      }
    }
    claimAndRun(task, epoch);
    awaitParts();
    Throwable f = failure;
    if (f != null) {
      failure = null;
      if (f instanceof RuntimeException re) {
        throw re;
      }
      if (f instanceof Error e) {
        throw e;
      }
      throw new IllegalStateException(f);
    }
  }

  private void awaitParts() {
    long start = System.nanoTime();
    while (done.get() != parts) {
      if (System.nanoTime() - start < CALLER_SPIN_NANOS) {
        Thread.onSpinWait();
        continue;
      }
      caller = Thread.currentThread();
      callerParked = true;
      // Re-check after publishing the flag: the last part may have finished just before it.
      if (done.get() != parts) {
        LockSupport.parkNanos(this, 1_000_000);
      }
      callerParked = false;
    }
  }

  /** Runs unclaimed parts of the task of {@code epoch} until none is left. */
  private void claimAndRun(Task task, long epoch) {
    while (true) {
      long s = state.get();
      int part = (int) (s & PART_MASK);
      if ((s >>> PART_BITS) != epoch || part >= parts) {
        return;
      }
      // A successful claim proves the epoch is still open, so `task` is still its task.
      if (state.compareAndSet(s, s + 1)) {
        try {
          task.run(part, parts);
        } catch (Throwable t) {
          failure = t;
        } finally {
          if (done.incrementAndGet() == parts && callerParked) {
            LockSupport.unpark(caller);
          }
        }
      }
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

  private boolean claimable() {
    return (state.get() & PART_MASK) < parts;
  }

  private void loop(int index) {
    while (!closed) {
      long start = System.nanoTime();
      while (!claimable() && !closed) {
        if (System.nanoTime() - start < SPIN_NANOS) {
          Thread.onSpinWait();
        } else {
          setParked(index, true);
          if (!claimable() && !closed) {
            LockSupport.park(this);
          }
          setParked(index, false);
          start = System.nanoTime();
        }
      }
      if (closed) {
        return;
      }
      long epoch = state.get() >>> PART_BITS;
      Task task = current;
      if (task != null) {
        claimAndRun(task, epoch);
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
