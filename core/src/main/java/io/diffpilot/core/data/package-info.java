/**
 * The seam between training and datasets: a training YAML's {@code dataset:} section
 * ({@link io.diffpilot.core.data.DatasetSection}) and the adapters that turn one into episodes
 * ({@link io.diffpilot.core.data.DatasetAdapter}), found with {@link java.util.ServiceLoader} so
 * that the trainer never names a dataset format.
 */
package io.diffpilot.core.data;
