package io.diffpilot.ros1.testing;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Assumptions;

/**
 * Tests that talk to real tools (roscore, mosquitto, rosmsg) skip on a developer machine without
 * them, but fail under CI ({@code CI=true}), where scripts/install-test-deps.sh must have
 * installed them: no test is silently skipped for want of a tool the test command installs.
 */
public final class RequiredTools {

  private RequiredTools() {}

  public static void assumeInstalled(boolean available, String what) {
    if (!available && "true".equalsIgnoreCase(System.getenv("CI"))) {
      fail(what + " (CI=true: scripts/install-test-deps.sh should have installed it)");
    }
    Assumptions.assumeTrue(available, what);
  }
}
