package io.diffpilot.policy.engine;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.util.Utils;

/** Child-JVM side of {@link OfflineEngineTest}: starts the engine, computes, prints where natives went. */
public final class OfflineEngineProbe {

  private OfflineEngineProbe() {}

  public static void main(String[] args) {
    Engine engine = Engines.pytorch();
    try (NDManager m = engine.newBaseManager()) {
      float sum = m.arange(10f).sum().getFloat();
      System.out.println("engine " + engine.getEngineName() + " " + engine.getVersion());
      System.out.println("sum " + sum);
      System.out.println("cache " + Utils.getEngineCacheDir());
      System.out.println("device auto " + Engines.device("auto"));
    }
  }
}
