package io.diffpilot.runtime.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.diffpilot.core.SamplerKind;
import io.diffpilot.runtime.fake.FixedCostPolicy;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class InferenceServerBatchingTest {
  private static final long MS = 1_000_000;

  private record Answer(InferenceReply reply, long sentNanos) {}

  /**
   * A backlog of 24 requests due within 150 ms, 10 ms of denoising a row: one batch of all of them
   * (240 ms) would answer none in time. Sized to the earliest deadline, the batches answer the
   * first dozen or so in time and the rest as soon as the server can.
   */
  @Test
  void aBacklogIsSplitIntoBatchesThatMeetTheirDeadlines() throws Exception {
    FixedCostPolicy policy = new FixedCostPolicy(2, 4, 8, 2, 10 * MS); // 1 step: 10 ms a row
    List<Answer> answers = new CopyOnWriteArrayList<>();
    int robots = 24;
    CountDownLatch done = new CountDownLatch(robots + 1);
    try (InferenceServer server = new InferenceServer(Map.of("m", policy), 64)) {
      // One call first, so the server has timed the model once (as a fleet's first requests do).
      server.onRequest(request("warm", 1_000 * MS), reply(answers, done), System.nanoTime(), null);
      awaitAnswers(answers, 1);
      long received = System.nanoTime();
      for (int r = 0; r < robots; r++) {
        server.onRequest(request("robot" + r, 150 * MS + r * MS), reply(answers, done), received, null);
      }
      assertTrue(done.await(10, TimeUnit.SECONDS), "every request answered");
      List<Answer> backlog = answers.subList(1, answers.size());
      long inTime = backlog.stream().filter(a -> a.reply().error().isEmpty())
          .filter(a -> a.sentNanos() - received <= 150 * MS).count();
      assertEquals(robots, backlog.size());
      assertTrue(inTime >= 6, "answered within the deadline: " + inTime + " of " + robots);
      assertTrue(backlog.stream().mapToInt(a -> a.reply().batchSize()).max().orElseThrow() < robots,
          "no single batch of the whole backlog");
    }
  }

  private static InferenceRequest request(String robot, long budgetNanos) {
    return new InferenceRequest(robot, "m", new float[2][4], 1, budgetNanos, 0, SamplerKind.DDIM);
  }

  private static InferenceEndpoint.Replier reply(List<Answer> answers, CountDownLatch done) {
    return r -> {
      answers.add(new Answer(r, System.nanoTime()));
      done.countDown();
      return true;
    };
  }

  private static void awaitAnswers(List<Answer> answers, int n) throws InterruptedException {
    long end = System.nanoTime() + 10_000 * MS;
    while (answers.size() < n && System.nanoTime() < end) {
      Thread.sleep(5);
    }
    assertEquals(n, answers.size());
  }
}
