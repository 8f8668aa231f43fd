/** The {@code demos} subcommands (info, validate, import, export, record, replay, teleop): argument parsing and the wiring of the dataset readers and writers. */
package io.diffpilot.demos.cli;
