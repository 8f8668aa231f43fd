package io.diffpilot.runtime.fleet;

import java.util.concurrent.CompletableFuture;

/**
 * The robot's side of remote inference: sends a request and completes the future with the
 * service's reply. Implementations match replies to requests (MQTT 5 correlation data) and drop
 * replies nobody waits for any more. No wire types cross this interface.
 */
public interface InferenceClient extends AutoCloseable {

  /**
   * Sends one request. The future never completes exceptionally for a refused request (that is a
   * reply with an error); it fails only when the request could not be sent at all.
   */
  CompletableFuture<InferenceReply> request(InferenceRequest request);

  /** Stops waiting for the reply of {@code pending} (timed out): a late reply is dropped. */
  void abandon(CompletableFuture<InferenceReply> pending);

  @Override
  void close();
}
