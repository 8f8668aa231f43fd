/**
 * The dataset types a training config may name ({@code pusht-csv}, {@code lerobot}), registered
 * as {@code DatasetLoader} services and read through demos.
 */
package io.diffpilot.runtime.datasets;
