package io.diffpilot.runtime.mqtt;

/**
 * The rules a topic segment of ours follows. A wildcard inside a segment would turn a publish into
 * an error and a subscribe into a match on other robots' traffic, so both topic records refuse it.
 */
final class TopicSegments {
  private TopicSegments() {}

  /** Each segment is non-blank and free of the MQTT wildcards '+' and '#'. */
  static void requireNoWildcards(String... segments) {
    for (String s : segments) {
      if (s.isBlank() || s.contains("+") || s.contains("#")) {
        throw new IllegalArgumentException("topic segment '" + s + "' must be non-blank without '+' or '#'");
      }
    }
  }

  /** {@code segment} is one topic level: it holds no '/'. */
  static void requireOneLevel(String what, String segment) {
    if (segment.contains("/")) {
      throw new IllegalArgumentException(what + " '" + segment + "' must not contain '/'");
    }
  }
}
