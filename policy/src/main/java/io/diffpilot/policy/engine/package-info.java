/**
 * DJL's PyTorch engine loaded offline from the bundled CPU natives, the device a config string
 * names, and the process memory DJL's tensors show up in.
 */
package io.diffpilot.policy.engine;
