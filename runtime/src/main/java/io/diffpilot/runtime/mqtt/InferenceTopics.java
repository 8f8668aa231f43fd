package io.diffpilot.runtime.mqtt;

/**
 * Topics of remote inference: requests on {@code <prefix>/inference/request}, which every
 * {@code serve} process of a group takes through the shared subscription
 * {@code $share/<group>/<prefix>/inference/request} (the broker hands each request to one member),
 * and replies on {@code <prefix>/<robot>/inference_reply}, named in each request as its MQTT 5
 * response topic.
 *
 * <p>Both are QoS 0 with a 1 s message expiry: a request or reply is useless after its deadline
 * (tens of ms), so a re-delivery would only arrive too late, and the robot's own timeout and
 * retry cover a loss.
 *
 * @param prefix the topic root, normally "diffpilot"
 * @param group the shared-subscription group of the serve processes, normally "diffpilot"
 */
public record InferenceTopics(String prefix, String group) {
  public static final int QOS = 0;
  /** Message expiry of requests and replies, s (the smallest MQTT 5 allows above "never"). */
  public static final long EXPIRY_SECONDS = 1;

  public InferenceTopics {
    TopicSegments.require("prefix", prefix);
    TopicSegments.requireOneLevel("shared subscription group", group);
  }

  public static InferenceTopics defaults() {
    return new InferenceTopics("diffpilot", "diffpilot");
  }

  public String request() {
    return prefix + "/inference/request";
  }

  /** What a serve process subscribes to. */
  public String sharedRequest() {
    return "$share/" + group + "/" + request();
  }

  public String reply(String robotId) {
    return prefix + "/" + robotId + "/inference_reply";
  }
}
