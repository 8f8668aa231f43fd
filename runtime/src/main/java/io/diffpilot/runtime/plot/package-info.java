/**
 * Headless PNG charts: {@code PlotCanvas} holds what every chart of the runtime and its benches
 * repeats (page, title, margins, axes, writing the file); the charts themselves draw the data.
 */
package io.diffpilot.runtime.plot;
