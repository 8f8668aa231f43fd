/** The Push-T human demonstrations, read from the CSV export of the Diffusion Policy paper. */
package io.diffpilot.demos.pusht;
