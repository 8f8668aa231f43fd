package io.diffpilot.policy.unet;

import ai.djl.nn.Parameter;
import java.util.Map;

/** A block that can list its parameters under diffusion_policy's {@code state_dict} keys. */
interface StateDictBlock {

  /** Adds this block's parameters to {@code out}, each under {@code prefix + its key}. */
  void collectParameters(String prefix, Map<String, Parameter> out);
}
