/**
 * The per-robot control loop: when to ask the policy for a chunk and with how many denoising steps
 * (the latency budget, in nanoseconds), and how chunks become timed actions for the transport.
 */
package io.diffpilot.runtime.control;
