package io.diffpilot.runtime.fleet;

import java.io.IOException;

/**
 * The service's side of remote inference: delivers requests (already decoded) and carries replies
 * back to whoever asked. No wire types cross this interface.
 */
public interface InferenceEndpoint extends AutoCloseable {

  /** Receives requests on the endpoint's own thread(s); must return quickly and never throw. */
  interface Handler {
    /**
     * @param request the decoded request
     * @param reply sends the answer to the robot that asked; false if it could not be sent
     * @param receivedNanos {@link System#nanoTime()} at arrival (the deadline counts from here)
     * @param traceId the sender's trace id, or null
     */
    void onRequest(InferenceRequest request, Replier reply, long receivedNanos, String traceId);

    /**
     * A request that did not decode; {@code reply} is null when the sender gave no response topic.
     */
    void onMalformed(String why, Replier reply, String traceId);
  }

  /** Sends one reply to the requester. */
  @FunctionalInterface
  interface Replier {
    boolean send(InferenceReply reply);
  }

  /** Connects and subscribes; requests go to {@code handler} from then on. */
  void start(Handler handler) throws IOException;

  @Override
  void close();
}
