/**
 * The simulator's commands ({@code diffpilot sim …}, {@code eval}; {@code bench sim} is in module
 * tools): argument parsing and printing only; the work is in the task and evaluation packages.
 */
package io.diffpilot.sim.cli;
