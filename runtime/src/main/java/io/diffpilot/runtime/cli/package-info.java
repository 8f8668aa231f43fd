/**
 * The runtime's commands (run, serve, record, quickstart, sim-robot, ros-node, ros-sim-robot) and
 * {@link io.diffpilot.runtime.cli.Main}, the command tree of every module but tools, which
 * {@code io.diffpilot.tools.cli.Main} extends with the benchmarks and figures. Each command turns
 * flags into configs for the runtime packages; shared flag sets are {@code @Mixin}s.
 */
package io.diffpilot.runtime.cli;
