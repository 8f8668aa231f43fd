/**
 * The per-dimension min-max normalizer fitted on training data and saved beside the weights.
 */
package io.diffpilot.policy.normalize;
