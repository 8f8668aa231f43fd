package io.diffpilot.runtime.transport;

/** A transport could not be started (bad address, refused credentials, TLS set-up failure). */
public class TransportException extends Exception {
  public TransportException(String message, Throwable cause) {
    super(message, cause);
  }

  public TransportException(String message) {
    super(message);
  }
}
