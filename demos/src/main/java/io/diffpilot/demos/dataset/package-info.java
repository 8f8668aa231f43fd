/** The format-neutral demonstration dataset: schema, features, per-feature statistics and the in-memory episodes every reader returns and every writer takes. */
package io.diffpilot.demos.dataset;
