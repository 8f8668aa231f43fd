/**
 * {@code ./diffpilot}'s entry point ({@link io.diffpilot.tools.cli.Main}: the runtime's command tree
 * plus this module's) and the commands of the benchmarks and figures: {@code bench
 * runtime|fleet|ros|sim|policy|train}, {@code demo multimodal}, {@code viz denoise}.
 */
package io.diffpilot.tools.cli;
