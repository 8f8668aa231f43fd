package io.diffpilot.tools.bench.policy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What a benchmark prints about the machine: CPU model, clock, load (figures are only comparable with these). */
public final class MachineInfo {

  private MachineInfo() {}

  /** /proc/cpuinfo's first "model name", or "unknown". */
  public static String cpuModel() {
    return cpuinfo("model name");
  }

  /** /proc/cpuinfo's first "cpu MHz" (what the kernel reports; may be the nominal clock), or NaN. */
  public static double cpuMHz() {
    try {
      return Double.parseDouble(cpuinfo("cpu MHz"));
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  /** The 1, 5 and 15 minute load averages. */
  public static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static String cpuinfo(String key) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).trim().equals(key)) {
          return line.substring(colon + 1).trim();
        }
      }
    } catch (IOException e) {
      return "unknown";
    }
    return "unknown";
  }
}
