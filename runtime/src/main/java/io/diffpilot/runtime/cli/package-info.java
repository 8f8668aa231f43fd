/**
 * The runtime's commands (run, serve, record, quickstart, sim-robot, ros-node, ros-sim-robot) and
 * {@link io.diffpilot.runtime.cli.Main}, the command tree of every module but tools, which
 * {@code io.diffpilot.tools.cli.Main} extends with the benchmarks and figures. Each command turns
 * flags into configs for the runtime packages; shared flag sets are {@code @Mixin}s, and what several
 * commands do alike ({@code RosCommand}: ROS arguments and exit codes; {@code InstallFolder}: the
 * bundled models) is in one place, public where tools' commands use it too.
 */
package io.diffpilot.runtime.cli;
