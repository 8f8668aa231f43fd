/**
 * The transport seam: {@link io.diffpilot.runtime.transport.ControllerTransport} and the records
 * that cross it ({@link io.diffpilot.runtime.transport.OutgoingChunk},
 * {@link io.diffpilot.runtime.transport.RuntimeStatus}, {@link io.diffpilot.runtime.transport.Fault}).
 * MQTT (Protobuf payloads) and ROS 1 (TCPROS) implement it; the control loop only sees core records.
 */
package io.diffpilot.runtime.transport;
