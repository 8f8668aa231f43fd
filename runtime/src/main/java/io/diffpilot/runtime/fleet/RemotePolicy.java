package io.diffpilot.runtime.fleet;

import io.diffpilot.core.ChunkPolicy;
import io.diffpilot.core.PolicyShape;
import io.diffpilot.core.Sampling;
import io.diffpilot.runtime.control.ComputeTimed;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A policy that runs elsewhere: each {@link #predictChunk} sends the history, step count and budget
 * to the inference services ({@code diffpilot serve}) and waits for the chunk. The robot-side loop
 * (window, scheduler, merging, limits, watchdog, e-stop) is unchanged: it calls this like any policy
 * on its inference thread.
 *
 * <p>No answer within {@code timeoutNanos}: one retry, which the broker's shared subscription
 * normally hands to another server (a dead one's connection is gone, so it gets none). No answer
 * to the retry either: {@link RemoteInferenceException}, which the loop counts as a policy error
 * while the robot runs out its current chunk and then holds its last position; the next
 * observation asks again. Every outcome is counted ({@link #stats}).
 */
public final class RemotePolicy implements ChunkPolicy, ComputeTimed {
  private static final Logger LOG = LoggerFactory.getLogger(RemotePolicy.class);

  /**
   * Counts since start.
   *
   * @param requests requests sent (retries included)
   * @param retries second attempts after a timeout
   * @param timeouts attempts that got no answer in time
   * @param refusals error replies (unknown model, wrong width, expired, ...)
   * @param holds calls that ended without a chunk after the retry
   */
  public record Stats(long requests, long retries, long timeouts, long refusals, long holds) {}

  /**
   * Where the time of the last answered request went, as the service reported it.
   *
   * @param queuedNanos waiting in the service's queue
   * @param computeNanos the denoising call that produced the chunk
   * @param batchSize requests that call answered
   */
  public record Timing(long queuedNanos, long computeNanos, int batchSize) {}

  private final InferenceClient client;
  private final String robotId;
  private final String model;
  private final PolicyShape shape;
  private final long budgetNanos;
  private final long timeoutNanos;
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong retries = new AtomicLong();
  private final AtomicLong timeouts = new AtomicLong();
  private final AtomicLong refusals = new AtomicLong();
  private final AtomicLong holds = new AtomicLong();
  private volatile Timing lastTiming;

  /**
   * @param shape the model's sizes as the robot knows them (the service checks them on every request)
   * @param budgetNanos the loop's latency budget, sent as each request's deadline
   * @param timeoutNanos how long to wait for one attempt (≥ the budget: transit and queueing add to it)
   */
  public RemotePolicy(InferenceClient client, String robotId, String model, PolicyShape shape, long budgetNanos,
      long timeoutNanos) {
    this.client = Objects.requireNonNull(client, "client");
    this.robotId = Objects.requireNonNull(robotId, "robotId");
    this.model = Objects.requireNonNull(model, "model");
    this.shape = Objects.requireNonNull(shape, "shape");
    if (budgetNanos <= 0 || timeoutNanos < budgetNanos) {
      throw new IllegalArgumentException("need 0 < budget <= timeout, got " + budgetNanos + " and " + timeoutNanos + " ns");
    }
    this.budgetNanos = budgetNanos;
    this.timeoutNanos = timeoutNanos;
  }

  @Override
  public PolicyShape shape() {
    return shape;
  }

  @Override
  public float[][] predictChunk(float[][] obsHistory, Sampling sampling) {
    InferenceRequest request = new InferenceRequest(robotId, model, obsHistory, sampling.steps(), budgetNanos,
        sampling.seed(), sampling.sampler());
    for (int attempt = 0; attempt < 2; attempt++) {
      if (attempt == 1) {
        retries.incrementAndGet();
      }
      requests.incrementAndGet();
      CompletableFuture<InferenceReply> pending = client.request(request);
      InferenceReply reply;
      try {
        reply = pending.get(timeoutNanos, TimeUnit.NANOSECONDS);
      } catch (TimeoutException e) {
        client.abandon(pending);
        timeouts.incrementAndGet();
        continue;
      } catch (ExecutionException e) {
        timeouts.incrementAndGet(); // not sent (disconnected): as good as unanswered
        continue;
      } catch (InterruptedException e) {
        client.abandon(pending);
        Thread.currentThread().interrupt();
        throw new RemoteInferenceException("interrupted while waiting for the inference service");
      }
      if (reply.isError()) {
        refusals.incrementAndGet();
        throw new RemoteInferenceException("inference service refused the request: " + reply.error());
      }
      if (reply.actions()[0].length != shape.actionDim()) {
        refusals.incrementAndGet();
        throw new RemoteInferenceException("inference service sent actions of width " + reply.actions()[0].length
            + ", expected " + shape.actionDim());
      }
      lastTiming = new Timing(reply.queuedNanos(), reply.inferenceNanos(), reply.batchSize());
      return reply.actions();
    }
    long n = holds.incrementAndGet();
    String why = "no inference service answered within " + timeoutNanos / 1_000_000 + " ms, twice; holding";
    if (n == 1 || n % 100 == 0) {
      LOG.warn("[{}] {} (hold {} so far)", robotId, why, n);
    }
    throw new RemoteInferenceException(why);
  }

  /** The service's denoising time for the last chunk (its queue and the transit excluded), −1 if unknown. */
  @Override
  public long lastComputeNanos() {
    Timing t = lastTiming;
    return t == null || t.computeNanos() <= 0 ? -1 : t.computeNanos();
  }

  /** The service's account of the last answered request, null before the first. */
  public Timing lastTiming() {
    return lastTiming;
  }

  public Stats stats() {
    return new Stats(requests.get(), retries.get(), timeouts.get(), refusals.get(), holds.get());
  }

  /** Closes the connection to the services. */
  @Override
  public void close() {
    client.close();
  }
}
