package io.diffpilot.runtime.mqtt;

import java.util.Objects;

/**
 * The rules a topic segment of ours follows. A wildcard inside a segment would turn a publish into
 * an error and a subscribe into a match on other robots' traffic, so both topic records refuse it.
 */
final class TopicSegments {
  private TopicSegments() {}

  /** {@code segment} is set, non-blank and free of the MQTT wildcards '+' and '#'. */
  static void require(String name, String segment) {
    Objects.requireNonNull(segment, name);
    if (segment.isBlank() || segment.contains("+") || segment.contains("#")) {
      throw new IllegalArgumentException("topic segment '" + segment + "' must be non-blank without '+' or '#'");
    }
  }

  /** {@link #require} and one topic level: {@code segment} holds no '/'. */
  static void requireOneLevel(String name, String segment) {
    require(name, segment);
    if (segment.contains("/")) {
      throw new IllegalArgumentException(name + " '" + segment + "' must not contain '/'");
    }
  }
}
