/**
 * The paper's evaluation protocol for any {@code ChunkPolicy}: seeds, receding-horizon rollouts
 * on worker threads, mean max reward, success rate with its interval, and chunk latency
 * percentiles. Policies arrive through {@code PolicyLoader}, so sim never depends on DJL.
 */
package io.diffpilot.sim.eval;
