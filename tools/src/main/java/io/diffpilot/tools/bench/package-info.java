/**
 * The benchmarks behind {@code diffpilot bench}, one subpackage per module measured: {@code runtime}
 * (control loop and fleet over a broker), {@code ros} (TCPROS round trips), {@code policy}
 * (inference and training backends). Tools for a quiet machine, never on the control path.
 */
package io.diffpilot.tools.bench;
