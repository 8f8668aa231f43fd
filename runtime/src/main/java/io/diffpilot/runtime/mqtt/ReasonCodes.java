package io.diffpilot.runtime.mqtt;

import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * Names of the MQTT 5 reason codes (OASIS MQTT 5.0, section 2.4), so logs say "not authorized"
 * rather than 0x87. Only failure codes (≥ 0x80) and the disconnect codes a broker sends are named.
 */
final class ReasonCodes {
  /** Reason codes from here on report a failure. */
  static final int FIRST_FAILURE_CODE = 0x80;

  private ReasonCodes() {}

  /** A Paho exception with its reason code, named where MQTT 5 defines it. */
  static String describe(MqttException e) {
    int code = e.getReasonCode();
    return e.getMessage() + " (reason code " + code + (code >= FIRST_FAILURE_CODE && code <= 0xFF
        ? " = 0x" + Integer.toHexString(code) + " " + name(code) : "") + ")";
  }

  /** Why a connection ended: the client-side exception, or the server's DISCONNECT reason. */
  static String describe(MqttDisconnectResponse r) {
    if (r == null) {
      return "no reason given";
    }
    if (r.getException() != null) {
      return describe(r.getException());
    }
    return "server disconnect, reason code 0x" + Integer.toHexString(r.getReturnCode()) + " "
        + name(r.getReturnCode()) + (r.getReasonString() == null ? "" : ": " + r.getReasonString());
  }

  static String name(int code) {
    return switch (code) {
      case 0x00 -> "success";
      case 0x04 -> "disconnect with will message";
      case 0x80 -> "unspecified error";
      case 0x81 -> "malformed packet";
      case 0x82 -> "protocol error";
      case 0x83 -> "implementation specific error";
      case 0x84 -> "unsupported protocol version";
      case 0x85 -> "client identifier not valid";
      case 0x86 -> "bad user name or password";
      case 0x87 -> "not authorized";
      case 0x88 -> "server unavailable";
      case 0x89 -> "server busy";
      case 0x8A -> "banned";
      case 0x8B -> "server shutting down";
      case 0x8C -> "bad authentication method";
      case 0x8D -> "keep alive timeout";
      case 0x8E -> "session taken over";
      case 0x8F -> "topic filter invalid";
      case 0x90 -> "topic name invalid";
      case 0x91 -> "packet identifier in use";
      case 0x92 -> "packet identifier not found";
      case 0x93 -> "receive maximum exceeded";
      case 0x94 -> "topic alias invalid";
      case 0x95 -> "packet too large";
      case 0x96 -> "message rate too high";
      case 0x97 -> "quota exceeded";
      case 0x98 -> "administrative action";
      case 0x99 -> "payload format invalid";
      case 0x9A -> "retain not supported";
      case 0x9B -> "QoS not supported";
      case 0x9C -> "use another server";
      case 0x9D -> "server moved";
      case 0x9E -> "shared subscriptions not supported";
      case 0x9F -> "connection rate exceeded";
      case 0xA0 -> "maximum connect time";
      case 0xA1 -> "subscription identifiers not supported";
      case 0xA2 -> "wildcard subscriptions not supported";
      default -> "code " + code;
    };
  }
}
