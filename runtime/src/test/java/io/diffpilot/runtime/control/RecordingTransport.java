package io.diffpilot.runtime.control;

import io.diffpilot.runtime.transport.ControllerTransport;
import io.diffpilot.runtime.transport.OutgoingChunk;
import io.diffpilot.runtime.transport.RuntimeStatus;
import io.diffpilot.runtime.transport.TransportListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A transport that records what the loop publishes. */
final class RecordingTransport implements ControllerTransport {
  final List<OutgoingChunk> chunks = new CopyOnWriteArrayList<>();
  final List<RuntimeStatus> statuses = new CopyOnWriteArrayList<>();
  TransportListener listener;
  volatile boolean failPublishing;

  @Override
  public void start(TransportListener l) {
    this.listener = l;
  }

  @Override
  public boolean publishChunk(OutgoingChunk chunk) {
    if (failPublishing) {
      return false;
    }
    chunks.add(chunk);
    return true;
  }

  @Override
  public boolean publishStatus(RuntimeStatus status) {
    statuses.add(status);
    return true;
  }

  @Override
  public boolean isConnected() {
    return true;
  }

  @Override
  public void close() {}

  OutgoingChunk lastChunk() {
    return chunks.get(chunks.size() - 1);
  }

  RuntimeStatus lastStatus() {
    return statuses.get(statuses.size() - 1);
  }
}
