package io.diffpilot.policy.fast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

class WorkerPoolTest {

  @Test
  void everyPartRunsExactlyOncePerInvoke() {
    try (WorkerPool pool = new WorkerPool(3, "test")) {
      AtomicIntegerArray runs = new AtomicIntegerArray(3);
      int invokes = 20_000;
      for (int i = 0; i < invokes; i++) {
        pool.invoke((part, parts) -> {
          assertThat(parts).isEqualTo(3);
          runs.incrementAndGet(part);
        });
      }
      for (int p = 0; p < 3; p++) {
        assertThat(runs.get(p)).isEqualTo(invokes);
      }
    }
  }

  @Test
  void invokeReturnsOnlyAfterAllPartsFinished() {
    try (WorkerPool pool = new WorkerPool(2, "test")) {
      int[] written = new int[2];
      for (int i = 1; i <= 2_000; i++) {
        int value = i;
        pool.invoke((part, parts) -> written[part] = value);
        assertThat(written).containsExactly(i, i);
      }
    }
  }

  @Test
  void failureInAnyPartReachesTheCallerAndPoolStaysUsable() {
    try (WorkerPool pool = new WorkerPool(2, "test")) {
      assertThatThrownBy(() -> pool.invoke((part, parts) -> {
        if (part == 1) {
          throw new IllegalStateException("boom in part 1");
        }
      })).hasMessage("boom in part 1");
      int[] ok = new int[2];
      pool.invoke((part, parts) -> ok[part] = 1);
      assertThat(ok).containsExactly(1, 1);
    }
  }

  @Test
  void closedPoolRefusesWork() {
    WorkerPool pool = new WorkerPool(2, "test");
    pool.close();
    assertThatThrownBy(() -> pool.invoke((part, parts) -> { })).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> new WorkerPool(0, "test")).hasMessageContaining("threads");
  }

  @Test
  void callerWaitingForAStragglerParksInsteadOfHoldingItsCore() throws Exception {
    try (WorkerPool pool = new WorkerPool(2, "test")) {
      Thread callerThread = Thread.currentThread();
      CountDownLatch workerStarted = new CountDownLatch(1);
      AtomicReference<Object> callerBlocker = new AtomicReference<>();
      pool.invoke((part, parts) -> {
        try {
          if (Thread.currentThread() == callerThread) {
            // Leave the other part to the worker, so the caller has a straggler to wait for.
            assertThat(workerStarted.await(30, TimeUnit.SECONDS)).isTrue();
          } else {
            workerStarted.countDown();
            // The straggler does not finish until it sees the caller parked on the pool: a caller
            // that spins instead never is, and the poll ends at its deadline with the wrong
            // blocker. Polled, not slept once, because a loaded machine may deschedule the caller
            // for longer than any fixed sleep.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (LockSupport.getBlocker(callerThread) != pool && System.nanoTime() < deadline) {
              Thread.sleep(1);
            }
            callerBlocker.set(LockSupport.getBlocker(callerThread));
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      assertThat(callerBlocker.get()).isSameAs(pool);
    }
  }
}
