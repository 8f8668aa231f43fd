package io.diffpilot.sim.eval;

/**
 * How one evaluation episode went.
 *
 * @param seed reset seed
 * @param maxReward highest reward reached (the paper's per-episode score)
 * @param maxCoverage highest coverage reached
 * @param success coverage exceeded 0.95 at some step
 * @param length control steps taken
 * @param chunks number of chunks (policy calls)
 */
public record EpisodeOutcome(long seed, double maxReward, double maxCoverage, boolean success, int length, int chunks) {}
