/**
 * File formats for weights (safetensors), read and written without DJL.
 */
package io.diffpilot.policy.io;
