package io.diffpilot.runtime.transport;

/**
 * The seam between the control loop and a wire (MQTT + Protobuf, ROS 1 topics, an in-memory pair
 * in tests). A transport decodes what robots send into core records, hands them to a
 * {@link TransportListener}, and encodes what the controller publishes. No wire types (Protobuf,
 * ROS messages) cross this interface.
 *
 * <p>Threading: the listener is called on the transport's own receive thread(s); it must return
 * quickly (the control loop only validates and enqueues there, inference runs elsewhere). The
 * publish methods may be called from any thread and must not block on the network for long: a
 * transport that is disconnected drops or queues the message and reports the failure through
 * {@link TransportListener#onConnectionChange} / its return value, never by throwing.
 */
public interface ControllerTransport extends AutoCloseable {

  /**
   * Connects and subscribes; from then on received observations and emergency-stop changes go to
   * {@code listener}. Called once.
   *
   * @throws TransportException if the first connection cannot be made at all (bad URL, refused
   *     credentials); later connection losses are retried by the transport itself
   */
  void start(TransportListener listener) throws TransportException;

  /**
   * Publishes one time-stamped action chunk for its robot.
   *
   * @return true if handed to the wire, false if it was dropped (disconnected, encoder refused)
   */
  boolean publishChunk(OutgoingChunk chunk);

  /**
   * Publishes the controller's health for one robot.
   *
   * @return true if handed to the wire, false if it was dropped
   */
  boolean publishStatus(RuntimeStatus status);

  /** True while the transport believes it is connected to its broker / master. */
  boolean isConnected();

  /** Marks the controller offline where the wire allows it, then disconnects. Idempotent. */
  @Override
  void close();
}
