/**
 * The MQTT 5 transport: one reconnecting Paho connection ({@code MqttLink}) with its sockets and
 * message properties, the Protobuf wire codecs, and the robot, controller and inference endpoints built on it;
 * {@code EmbeddedBroker} and {@code LocalMosquitto} start a broker in this JVM or a throw-away mosquitto.
 */
package io.diffpilot.runtime.mqtt;
