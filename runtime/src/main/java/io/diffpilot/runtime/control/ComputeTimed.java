package io.diffpilot.runtime.control;

/**
 * A policy whose wall time is not all denoising: a remote one waits for transit and for other
 * robots' requests queued ahead of it. The step count changes only the denoising part, so the
 * {@link InferenceScheduler} learns the per-step cost from that part and the wait apart. Fed the
 * round trip as step cost, it read a queueing spike as slow steps and refused to ask (a counted
 * deadline miss per observation) until probes had refilled its window: seconds of silence after a
 * spike of a few hundred milliseconds.
 */
public interface ComputeTimed {

  /**
   * Nanoseconds of denoising behind the chunk the last successful {@code predictChunk} returned
   * (for a batched call, that call's time), or −1 when unknown. Read on the thread that called it.
   */
  long lastComputeNanos();

  /** The denoising part of a call of {@code policy} that took {@code took} ns: all of it, unless the policy says. */
  static long denoisingNanos(Object policy, long took) {
    if (policy instanceof ComputeTimed timed) {
      long compute = timed.lastComputeNanos();
      if (compute >= 0 && compute <= took) {
        return compute;
      }
    }
    return took;
  }
}
