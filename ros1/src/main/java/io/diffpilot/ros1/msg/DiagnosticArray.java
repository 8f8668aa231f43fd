package io.diffpilot.ros1.msg;

import java.util.List;
import java.util.Objects;

/** {@code diagnostic_msgs/DiagnosticArray}: what {@code /diagnostics} carries (rqt_runtime_monitor, diagnostic_aggregator). */
public record DiagnosticArray(Header header, List<DiagnosticStatus> status) implements RosMessage {

  public static final MessageType<DiagnosticArray> TYPE = MessageType.of("diagnostic_msgs/DiagnosticArray", DiagnosticArray::read);

  public DiagnosticArray {
    Objects.requireNonNull(header, "header");
    status = List.copyOf(status);
  }

  public static DiagnosticArray read(RosReader in) {
    return new DiagnosticArray(Header.read(in), in.messages(DiagnosticStatus::read));
  }

  @Override
  public void write(RosWriter out) {
    header.write(out);
    out.messages(status);
  }
}
