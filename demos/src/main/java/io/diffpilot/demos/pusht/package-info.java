/**
 * The Push-T human demonstrations, read from the CSV export of the Diffusion Policy paper;
 * {@code PushTCsvAdapter} is the training YAML's {@code dataset: {type: pusht-csv}}.
 */
package io.diffpilot.demos.pusht;
