/**
 * Few-step students distilled from a trained diffusion policy: the teacher's probability-flow
 * trajectories ({@link io.diffpilot.policy.distill.TeacherTrajectories}), the student's training
 * loop ({@link io.diffpilot.policy.distill.ConsistencyDistiller}) and its YAML
 * ({@link io.diffpilot.policy.distill.DistillSpec}). The student is an ordinary model directory
 * (x₀-prediction, sampler {@code consistency}) that every command loads like any other.
 */
package io.diffpilot.policy.distill;
