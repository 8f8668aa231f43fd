package io.diffpilot.ros1.master;

import java.util.List;
import java.util.Map;

/**
 * The master's view of the graph: for each topic (or service), the nodes on it.
 *
 * @param publishers topic → publishing node names
 * @param subscribers topic → subscribing node names
 * @param services service → providing node names
 */
public record SystemState(
    Map<String, List<String>> publishers, Map<String, List<String>> subscribers, Map<String, List<String>> services) {

  public SystemState {
    publishers = Map.copyOf(publishers);
    subscribers = Map.copyOf(subscribers);
    services = Map.copyOf(services);
  }
}
