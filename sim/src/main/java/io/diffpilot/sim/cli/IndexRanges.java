package io.diffpilot.sim.cli;

import java.util.ArrayList;
import java.util.List;

/** Parses index lists such as "100000-100049", "0-9", "3,5,7-9" (inclusive ranges). */
public final class IndexRanges {
  private IndexRanges() {}

  /** The indices in order of appearance; a clear error for malformed or reversed ranges. */
  public static List<Long> parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("empty index list");
    }
    List<Long> out = new ArrayList<>();
    for (String part : text.split(",")) {
      String p = part.trim();
      int dash = p.indexOf('-', 1);
      try {
        if (dash < 0) {
          out.add(Long.parseLong(p));
        } else {
          long lo = Long.parseLong(p.substring(0, dash).trim());
          long hi = Long.parseLong(p.substring(dash + 1).trim());
          if (hi < lo) {
            throw new IllegalArgumentException("range '" + p + "' runs backwards");
          }
          if (hi - lo > 10_000_000) {
            throw new IllegalArgumentException("range '" + p + "' is too long");
          }
          for (long i = lo; i <= hi; i++) {
            out.add(i);
          }
        }
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("not an index or range: '" + p + "' (use e.g. 0-9 or 3,5,7-9)");
      }
    }
    return out;
  }
}
