package io.diffpilot.policy.schedule;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A schedule option that diffusers' configs spell as the constant's name in lower case
 * ("scaled_linear", "epsilon", "trailing"): one spelling for JSON, the CLI and error messages.
 */
public interface DiffusersName {

  /** The enum constant's name; every enum has it. */
  String name();

  /** The diffusers spelling. */
  @JsonValue
  default String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The constant of {@code type} spelled {@code text} (trimmed, any case).
   *
   * @param field the config key, for the message ("betaSchedule")
   * @throws IllegalArgumentException naming the field, the text and every accepted spelling
   */
  static <E extends Enum<E> & DiffusersName> E parse(Class<E> type, String field, String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    E[] all = type.getEnumConstants();
    for (E e : all) {
      if (e.id().equals(t)) {
        return e;
      }
    }
    String known = Arrays.stream(all).map(DiffusersName::id).collect(Collectors.joining(", "));
    throw new IllegalArgumentException("unknown " + field + " '" + text + "' (" + known + ")");
  }
}
