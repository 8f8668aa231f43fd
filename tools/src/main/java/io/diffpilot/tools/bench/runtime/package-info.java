/**
 * {@code diffpilot bench runtime}: closed-loop cycles over a real broker with a policy of known
 * cost, split into legs, with the JIT, GC, scheduler and per-thread costs that explain its tail.
 * A tool, not on the control path.
 */
package io.diffpilot.tools.bench.runtime;
