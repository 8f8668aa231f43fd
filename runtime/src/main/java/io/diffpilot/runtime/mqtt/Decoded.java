package io.diffpilot.runtime.mqtt;

import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The outcome of decoding one payload: a value, or the reason it was refused. Decoding never
 * throws; a refusal is counted by the caller as {@code MALFORMED_PAYLOAD}.
 *
 * @param value the decoded value, null when rejected
 * @param rejection why it was refused (names the field), null when accepted
 */
public record Decoded<T>(T value, String rejection) {

  public Decoded {
    if ((value == null) == (rejection == null)) {
      throw new IllegalArgumentException("exactly one of value and rejection must be set");
    }
  }

  static <T> Decoded<T> ok(T value) {
    return new Decoded<>(Objects.requireNonNull(value), null);
  }

  static <T> Decoded<T> rejected(String why) {
    return new Decoded<>(null, why);
  }

  public boolean isOk() {
    return value != null;
  }

  /** Hands the value to {@code accepted}, or the reason it was refused to {@code refused}. */
  public void ifOkOrElse(Consumer<? super T> accepted, Consumer<String> refused) {
    if (isOk()) {
      accepted.accept(value);
    } else {
      refused.accept(rejection);
    }
  }

  /** The next step of decoding applied to this value, or this rejection passed on as it is. */
  public <R> Decoded<R> then(Function<? super T, Decoded<R>> next) {
    return isOk() ? next.apply(value) : rejected(rejection);
  }
}
