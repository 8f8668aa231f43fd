/**
 * Stand-in policies of known cost, selected by a run config's {@code policy.fake} and used by the
 * transports' end-to-end tests and the runtime benchmarks: the loop around a policy, measured
 * without the policy's own variance.
 */
package io.diffpilot.runtime.fake;
