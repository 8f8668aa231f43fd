package io.diffpilot.policy.io;

import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * How a set of tensors differs by name from what a network expects: the names it lacks and the
 * names it has in excess, sorted so that messages list them the same way every time.
 */
public record KeyMismatch(SortedSet<String> missing, SortedSet<String> unexpected) {

  /** Compares {@code given} names against {@code expected} ones. */
  public static KeyMismatch of(Set<String> expected, Set<String> given) {
    TreeSet<String> missing = new TreeSet<>(expected);
    missing.removeAll(given);
    TreeSet<String> unexpected = new TreeSet<>(given);
    unexpected.removeAll(expected);
    return new KeyMismatch(missing, unexpected);
  }

  /** True when both sides name the same tensors. */
  public boolean none() {
    return missing.isEmpty() && unexpected.isEmpty();
  }
}
