/**
 * What every module speaks and nothing more: the records that cross module seams ({@code
 * Observation}, {@code ObservationWindow}, {@code ActionChunk}, {@code Episode}), the one
 * interface a policy offers ({@code ChunkPolicy}), how a chunk is sampled ({@code Sampling}) and
 * time as the loop sees it ({@code Clock}). No DJL, no I/O, no dependencies.
 */
package io.diffpilot.core;
