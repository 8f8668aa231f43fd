/**
 * Reading, writing and appending LeRobot datasets (Parquet through DuckDB, meta/info.json and
 * stats), keeping LeRobot's field names; {@code LeRobotAdapter} is the training YAML's
 * {@code dataset: {type: lerobot}}.
 */
package io.diffpilot.demos.lerobot;
