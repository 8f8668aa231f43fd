package io.diffpilot.runtime.fleet;

import io.diffpilot.core.ChunkPolicy;
import io.diffpilot.core.SamplerKind;
import io.diffpilot.core.Sampling;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stateless inference service behind {@code diffpilot serve}: requests from any robot are
 * checked against the model they name, queued per model, and run in batches: the worker of each
 * model takes the queued requests for the same sampler and step count deadline-first, as many as
 * its {@link BatchCostModel} predicts can be denoised before the earliest deadline among them (up
 * to {@code maxBatch}), runs one denoising call for all of them, and answers each on its own reply
 * channel. Requests whose deadline passed while queued
 * get an error reply instead of a late chunk.
 *
 * <p>A model may have several worker threads, each with its own instance of the model (the
 * kernels are not thread-safe) and its own cost model, all taking from the model's one queue: a
 * free worker takes the next batch, where two servers behind a shared subscription would each keep
 * their own queue, and a request could wait behind a busy one while the other idles.
 *
 * <p>Nothing is kept between requests, so any number of servers can share the load (the broker's
 * shared subscription spreads it) and one can die without losing state. Every refusal is a counted
 * {@link ServeFault}, an error reply where the sender can be answered, and a log line (the first of
 * each kind, then every 100th); no request can stop a worker or leave a batch unanswered.
 */
public final class InferenceServer implements InferenceEndpoint.Handler, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(InferenceServer.class);
  private static final int LOG_EVERY = 100;
  /** Time kept back from a deadline for the reply's way to the robot. */
  private static final long REPLY_MARGIN_NANOS = 2_000_000;

  /**
   * Counts since start.
   *
   * @param requests requests received (refused ones included)
   * @param chunks chunks answered
   * @param batches denoising calls run
   * @param faults refusals and failures by kind
   */
  public record Stats(long requests, long chunks, long batches, Map<ServeFault, Long> faults) {
    /** Mean requests per denoising call. */
    public double meanBatch() {
      return batches == 0 ? 0 : (double) chunks / batches;
    }

    public long fault(ServeFault f) {
      return faults.getOrDefault(f, 0L);
    }
  }

  private record Pending(InferenceRequest request, InferenceEndpoint.Replier reply, long receivedNanos,
      long deadlineNanos, String traceId) {}

  private final Map<String, ModelWorker> workers = new LinkedHashMap<>();
  private final int maxBatch;
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong chunks = new AtomicLong();
  private final AtomicLong batches = new AtomicLong();
  private final EnumMap<ServeFault, AtomicLong> faults = new EnumMap<>(ServeFault.class);

  /**
   * One worker thread per model.
   *
   * @param models served models by name (this server does not close them)
   * @param maxBatch most requests in one denoising call; 1 turns batching off
   */
  public InferenceServer(Map<String, ChunkPolicy> models, int maxBatch) {
    this(maxBatch, single(models));
  }

  /**
   * One worker thread per instance: a free worker takes the next batch from its model's queue.
   *
   * @param models served models by name, each with one or more instances of the same model (this
   *     server does not close them)
   * @param maxBatch most requests in one denoising call; 1 turns batching off
   */
  public static InferenceServer withWorkers(Map<String, List<ChunkPolicy>> models, int maxBatch) {
    return new InferenceServer(maxBatch, models);
  }

  private static Map<String, List<ChunkPolicy>> single(Map<String, ChunkPolicy> models) {
    Map<String, List<ChunkPolicy>> m = new LinkedHashMap<>();
    Objects.requireNonNull(models, "models").forEach((name, policy) -> m.put(name, List.of(policy)));
    return m;
  }

  private InferenceServer(int maxBatch, Map<String, List<ChunkPolicy>> models) {
    if (Objects.requireNonNull(models, "models").isEmpty()) {
      throw new IllegalArgumentException("serve needs at least one model");
    }
    if (maxBatch < 1) {
      throw new IllegalArgumentException("maxBatch must be >= 1, got " + maxBatch);
    }
    this.maxBatch = maxBatch;
    for (ServeFault f : ServeFault.values()) {
      faults.put(f, new AtomicLong());
    }
    models.forEach((name, instances) -> {
      if (instances.isEmpty()) {
        throw new IllegalArgumentException("model '" + name + "' has no instance to run");
      }
      workers.put(name, new ModelWorker(name, instances));
    });
    workers.values().forEach(w -> w.threads.forEach(Thread::start));
  }

  // ---------------------------------------------------------------- endpoint thread

  @Override
  public void onRequest(InferenceRequest r, InferenceEndpoint.Replier reply, long receivedNanos, String traceId) {
    requests.incrementAndGet();
    ModelWorker w = workers.get(r.model());
    if (w == null) {
      refuse(ServeFault.UNKNOWN_MODEL, r.robotId(), reply, traceId, "unknown model '" + r.model() + "' (serving "
          + String.join(", ", workers.keySet()) + ")");
      return;
    }
    if (r.obsSteps() != w.policy.obsSteps() || r.obsDim() != w.policy.obsDim()) {
      refuse(ServeFault.WRONG_WIDTH, r.robotId(), reply, traceId, "history is " + r.obsSteps() + " x " + r.obsDim()
          + ", model '" + r.model() + "' takes " + w.policy.obsSteps() + " x " + w.policy.obsDim());
      return;
    }
    for (float[] row : r.history()) {
      for (float v : row) {
        if (!Float.isFinite(v)) {
          refuse(ServeFault.NOT_FINITE, r.robotId(), reply, traceId, "history holds a value that is not finite");
          return;
        }
      }
    }
    w.offer(new Pending(r, reply, receivedNanos, receivedNanos + r.budgetNanos(), traceId));
  }

  @Override
  public void onMalformed(String why, InferenceEndpoint.Replier reply, String traceId) {
    requests.incrementAndGet();
    refuse(ServeFault.MALFORMED, "?", reply, traceId, why);
  }

  private void refuse(ServeFault fault, String robotId, InferenceEndpoint.Replier reply, String traceId, String why) {
    count(fault, (traceId == null ? robotId : traceId) + ": " + why);
    if (reply != null && !reply.send(InferenceReply.refused(robotId, why))) {
      count(ServeFault.REPLY_FAILED, "error reply to " + robotId + " not sent");
    }
  }

  private void count(ServeFault fault, String message) {
    long n = faults.get(fault).incrementAndGet();
    if (n == 1 || n % LOG_EVERY == 0) {
      LOG.warn("{} (count {}): {}", fault, n, message);
    }
  }

  // ---------------------------------------------------------------- queries

  public Stats stats() {
    EnumMap<ServeFault, Long> f = new EnumMap<>(ServeFault.class);
    faults.forEach((k, v) -> {
      if (v.get() > 0) {
        f.put(k, v.get());
      }
    });
    return new Stats(requests.get(), chunks.get(), batches.get(), f);
  }

  /** Requests waiting in the queues now. */
  public int queued() {
    return workers.values().stream().mapToInt(ModelWorker::size).sum();
  }

  @Override
  public void close() {
    workers.values().forEach(ModelWorker::stop);
  }

  // ---------------------------------------------------------------- workers

  /** One model's queue and the threads that drain it, one per instance of the model. */
  private final class ModelWorker {
    private final String name;
    private final ChunkPolicy policy;
    private final List<Pending> queue = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private boolean stopped;

    ModelWorker(String name, List<ChunkPolicy> instances) {
      this.name = name;
      this.policy = instances.get(0);
      for (int i = 0; i < instances.size(); i++) {
        ChunkPolicy instance = instances.get(i);
        Thread t = new Thread(() -> run(instance, new BatchCostModel()),
            "diffpilot-serve-" + name + (instances.size() == 1 ? "" : "-" + i));
        t.setDaemon(true);
        threads.add(t);
      }
    }

    synchronized void offer(Pending p) {
      queue.add(p);
      notifyAll();
    }

    synchronized int size() {
      return queue.size();
    }

    void stop() {
      synchronized (this) {
        stopped = true;
        notifyAll();
      }
      for (Thread t : threads) {
        try {
          t.join(30_000); // let a batch in flight finish: its owner closes the policy next
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }

    private void run(ChunkPolicy instance, BatchCostModel cost) {
      while (true) {
        List<Pending> batch;
        try {
          batch = nextBatch(cost);
        } catch (InterruptedException e) {
          return;
        }
        if (batch == null) {
          return;
        }
        try {
          runBatch(batch, instance, cost);
        } catch (RuntimeException e) {
          // A bug here must not strand the batch: everyone in it gets an answer.
          for (Pending p : batch) {
            refuse(ServeFault.POLICY_ERROR, p.request().robotId(), p.reply(), p.traceId(), "internal error: " + e);
          }
        }
      }
    }

    /** Waits for work; expired requests are answered here; null once stopped. */
    private synchronized List<Pending> nextBatch(BatchCostModel cost) throws InterruptedException {
      while (true) {
        if (stopped) {
          return null;
        }
        long now = System.nanoTime();
        for (Iterator<Pending> it = queue.iterator(); it.hasNext(); ) {
          Pending p = it.next();
          if (p.deadlineNanos() <= now) {
            it.remove();
            refuse(ServeFault.EXPIRED, p.request().robotId(), p.reply(), p.traceId(), "deadline passed after "
                + (now - p.receivedNanos()) / 1_000_000 + " ms in the queue, before inference started");
          }
        }
        if (!queue.isEmpty()) {
          break;
        }
        wait();
      }
      queue.sort(Comparator.comparingLong(Pending::deadlineNanos));
      return takeBatch(System.nanoTime(), cost);
    }

    /**
     * Deadline-first, sized so the call ends before the earliest deadline it can still meet: the
     * requests that can be answered in time go first, those that cannot (a batch of one would
     * already be late) fill what room is left, so a backlog does not make everyone late.
     */
    private List<Pending> takeBatch(long now, BatchCostModel cost) {
      Pending first = queue.get(0);
      int steps = first.request().steps();
      long single = cost.predict(1, steps);
      List<Pending> inTime = new ArrayList<>();
      List<Pending> late = new ArrayList<>();
      for (Pending p : queue) {
        if (p.request().steps() == steps && p.request().sampler() == first.request().sampler()) {
          (p.deadlineNanos() - now - REPLY_MARGIN_NANOS >= single ? inTime : late).add(p);
        }
      }
      long slack = inTime.isEmpty() ? first.request().budgetNanos()
          : inTime.get(0).deadlineNanos() - now - REPLY_MARGIN_NANOS;
      int rows = cost.largestFitting(steps, slack, maxBatch);
      List<Pending> batch = new ArrayList<>(rows);
      for (List<Pending> part : List.of(inTime, late)) {
        for (int i = 0; i < part.size() && batch.size() < rows; i++) {
          batch.add(part.get(i));
        }
      }
      queue.removeAll(batch);
      return batch;
    }

    private void runBatch(List<Pending> batch, ChunkPolicy instance, BatchCostModel cost) {
      InferenceRequest first = batch.get(0).request();
      float[][][] histories = new float[batch.size()][][];
      for (int b = 0; b < histories.length; b++) {
        histories[b] = batch.get(b).request().history();
      }
      SamplerKind sampler = first.sampler();
      long start = System.nanoTime();
      float[][][] out;
      try {
        out = BatchedPolicy.predict(instance, histories, new Sampling(sampler, first.steps(), first.seed()));
      } catch (RuntimeException e) {
        for (Pending p : batch) {
          refuse(ServeFault.POLICY_ERROR, p.request().robotId(), p.reply(), p.traceId(), "model '" + name
              + "' failed: " + e.getMessage());
        }
        return;
      }
      long took = System.nanoTime() - start;
      cost.record(batch.size(), first.steps(), took);
      batches.incrementAndGet();
      for (int b = 0; b < batch.size(); b++) {
        Pending p = batch.get(b);
        String bad = check(out.length > b ? out[b] : null);
        if (bad != null) {
          refuse(ServeFault.POLICY_ERROR, p.request().robotId(), p.reply(), p.traceId(), "model '" + name + "': " + bad);
          continue;
        }
        InferenceReply r = new InferenceReply(p.request().robotId(), out[b], first.steps(), took, batch.size(),
            start - p.receivedNanos(), "");
        if (p.reply().send(r)) {
          chunks.incrementAndGet();
        } else {
          count(ServeFault.REPLY_FAILED, "chunk for " + p.request().robotId() + " not sent");
        }
      }
    }

    private String check(float[][] chunk) {
      if (chunk == null || chunk.length == 0) {
        return "no actions";
      }
      for (float[] row : chunk) {
        if (row == null || row.length != policy.actionDim()) {
          return "an action has the wrong width";
        }
        for (float v : row) {
          if (!Float.isFinite(v)) {
            return "an action is not finite";
          }
        }
      }
      return null;
    }
  }
}
