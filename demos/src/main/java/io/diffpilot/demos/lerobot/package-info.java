/** Reading, writing and appending LeRobot v3.0 datasets (Parquet through DuckDB, meta/info.json and stats), keeping LeRobot's field names. */
package io.diffpilot.demos.lerobot;
