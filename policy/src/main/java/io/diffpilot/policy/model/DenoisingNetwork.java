package io.diffpilot.policy.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.Map;

/**
 * The noise-prediction network as the policy and the trainer see it: a DJL block with
 * diffusion_policy's forward signature and its parameters under state_dict names.
 * {@code ConditionalUnet1d} is the production implementation ({@link UnetNetwork}); tests plug in
 * small stand-ins.
 *
 * <p>Forward: (sample [B, T, A] float32, timestep [B] int64, globalCond [B, G] float32) → [B, T, A].
 */
public interface DenoisingNetwork {

  /** The block; its forward takes {@code NDList(sample, timestep, globalCond)}. */
  Block block();

  /** Every trainable parameter by state_dict name, in a stable order. Valid after {@link #initialize}. */
  Map<String, Parameter> namedParameters();

  /** Allocates and initialises every parameter on {@code manager} (seed DJL's engine RNG first). */
  void initialize(NDManager manager);

  /** Called after parameter values changed in place (optimizer step, EMA swap, weight load). */
  default void parametersChanged() {}

  /** One forward pass. */
  default NDArray forward(ParameterStore store, NDArray sample, NDArray timestep, NDArray globalCond, boolean training) {
    return block().forward(store, new NDList(sample, timestep, globalCond), training).singletonOrThrow();
  }

  /** Input shapes for initialisation with batch 1. */
  static Shape[] inputShapes(int horizon, int actionDim, int globalCondDim) {
    return new Shape[] {new Shape(1, horizon, actionDim), new Shape(1), new Shape(1, globalCondDim)};
  }
}
