package io.diffpilot.tools.bench.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class ThreadCostsTest {

  @Test
  void threadNamesAreGroupedWithoutDigitsAndClientIds() {
    assertThat(ThreadCosts.group("MQTT Call: diffpilot-ctl-bench-embedded-1a2b3c4d")).isEqualTo("MQTT Call (ctl)");
    assertThat(ThreadCosts.group("MQTT Rec: diffpilot-robot-r1-99")).isEqualTo("MQTT Rec (robot)");
    assertThat(ThreadCosts.group("Session Executor 1")).isEqualTo("Session Executor");
    assertThat(ThreadCosts.group("nioEventLoopGroup-3-1")).isEqualTo("nioEventLoopGroup");
    assertThat(ThreadCosts.group("diffpilot-inference-bench-embedded")).isEqualTo("diffpilot-inference");
  }

  /** Runs {@code work} on a thread named {@code name}, then keeps it alive until released. */
  private static Thread probe(String name, Runnable work, CountDownLatch done, CountDownLatch release) {
    Thread t = new Thread(() -> {
      work.run();
      done.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, name);
    t.start();
    return t;
  }

  @Test
  void allocationOfAThreadShowsInItsGroup() throws Exception {
    ThreadCosts before = ThreadCosts.snapshot();
    CountDownLatch done = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    long[] sink = new long[1];
    Thread t = probe("alloc-probe-7", () -> {
      for (int i = 0; i < 64; i++) {
        byte[] b = new byte[256 * 1024]; // 16 MiB in all
        b[i] = 1;
        sink[0] += b[i];
      }
    }, done, release);
    done.await();
    Map<String, ThreadCosts.Group> since = before.since();
    release.countDown();
    t.join();
    assumeTrue(!since.isEmpty(), "this JVM does not report per-thread allocation");
    assertThat(since).containsKey("alloc-probe");
    assertThat(since.get("alloc-probe").allocatedBytes()).isGreaterThanOrEqualTo(16L * 1024 * 1024);
    assertThat(since.get("alloc-probe").threads()).isEqualTo(1);
    assertThat(sink[0]).isEqualTo(64);
  }

  @Test
  void blockingCountsAsVoluntarySchedulerStats() throws Exception {
    assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "needs Linux /proc");
    SchedulerStats before = SchedulerStats.snapshot(ProcessHandle.current().pid());
    CountDownLatch done = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Thread t = probe("switch-probe", () -> {
      try {
        for (int i = 0; i < 20; i++) {
          Thread.sleep(1); // each sleep blocks the thread: at least one voluntary switch
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, done, release);
    done.await();
    Map<String, SchedulerStats.Counts> since = before.since();
    release.countDown();
    t.join();
    assertThat(since).containsKey("switch-probe");
    assertThat(since.get("switch-probe").voluntary()).isGreaterThanOrEqualTo(20);
    assertThat(SchedulerStats.total(since).voluntary()).isGreaterThanOrEqualTo(20);
  }

  @Test
  void aProcessThatIsGoneGivesNoCounts() {
    SchedulerStats none = SchedulerStats.snapshot(Long.MAX_VALUE);
    assertThat(none.since()).isEmpty();
  }
}
