/**
 * The {@code demos} subcommands (info, validate, import, export, record, replay, teleop): argument parsing and the
 * wiring of the dataset readers and writers; flag sets more than one command takes are picocli {@code @Mixin}s
 * ({@code RecordingOptions}, also used by the runtime's {@code record}, and {@code LeRobotOutput}); the
 * commands that read or write a dataset share {@code DatasetCommand}, which reports their expected failures.
 */
package io.diffpilot.demos.cli;
