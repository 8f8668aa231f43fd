/**
 * The {@code diffpilot} command line: picocli commands wired into {@link io.diffpilot.runtime.cli.Main},
 * each turning flags into configs for the runtime packages; shared flag sets are {@code @Mixin}s.
 */
package io.diffpilot.runtime.cli;
