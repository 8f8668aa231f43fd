package io.diffpilot.ros1.msg;

import java.util.Objects;

/** The two {@code std_srvs} services DiffPilot serves: {@code SetBool} and {@code Trigger}. */
public final class StdSrvs {

  private StdSrvs() {}

  /** {@code std_srvs/SetBool} request: {@code bool data}. */
  public record SetBoolRequest(boolean data) implements RosMessage {
    public static SetBoolRequest read(RosReader in) {
      return new SetBoolRequest(in.bool());
    }

    @Override
    public void write(RosWriter out) {
      out.bool(data);
    }
  }

  /** {@code std_srvs/Trigger} request: empty. */
  public record TriggerRequest() implements RosMessage {
    public static TriggerRequest read(RosReader in) {
      return new TriggerRequest();
    }

    @Override
    public void write(RosWriter out) {}
  }

  /** The response of both: {@code bool success, string message}. */
  public record Response(boolean success, String message) implements RosMessage {
    public Response {
      Objects.requireNonNull(message, "message");
    }

    public static Response read(RosReader in) {
      return new Response(in.bool(), in.string());
    }

    @Override
    public void write(RosWriter out) {
      out.bool(success).string(message);
    }
  }

  private static final String RESPONSE_MD5_TEXT = "bool success\nstring message";

  public static final ServiceType<SetBoolRequest, Response> SET_BOOL = ServiceType.ofBuiltinFields("std_srvs/SetBool",
      "bool data", RESPONSE_MD5_TEXT, SetBoolRequest::read, Response::read);

  public static final ServiceType<TriggerRequest, Response> TRIGGER = ServiceType.ofBuiltinFields("std_srvs/Trigger",
      "", RESPONSE_MD5_TEXT, TriggerRequest::read, Response::read);
}
