/**
 * Test support shipped in ros1's test-jar for every module's ROS tests: a real roscore per test
 * class ({@link io.diffpilot.ros1.testing.RoscoreExtension}), the skip-or-fail rule for external
 * tools ({@link io.diffpilot.ros1.testing.RequiredTools}) and waiting on conditions instead of
 * sleeping ({@link io.diffpilot.ros1.testing.Await}).
 */
package io.diffpilot.ros1.testing;
