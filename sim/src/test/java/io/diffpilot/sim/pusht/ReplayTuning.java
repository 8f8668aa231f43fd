package io.diffpilot.sim.pusht;

import java.util.List;

/**
 * Not a test: prints replay figures for a few solver settings (run by hand while tuning):
 * {@code java -cp sim/target/classes:sim/target/test-classes:core/target/classes:<deps>
 * io.diffpilot.sim.pusht.ReplayTuning [episodes]}.
 */
public final class ReplayTuning {
  public static void main(String[] args) throws Exception {
    List<PushTDemonstrations.Demo> demos = PushTDemonstrations.read(PushTData.pushtDemos());
    int n = args.length > 0 ? Integer.parseInt(args[0]) : demos.size();
    demos = demos.subList(0, n);
    SolverSettings base = SolverSettings.chipmunkDefaults(PushTEnv.SUBSTEP_SECONDS);
    SolverSettings[] variants = {
      SolverSettings.tuned(),
      base,
      base.withBaumgarte(base.baumgarte() * 0.8),
      base.withBaumgarte(base.baumgarte() * 1.2),
      base.withSlop(0.08),
      base.withSlop(0.12),
      base.withPositionIterations(2),
    };
    for (SolverSettings s : variants) {
      long t0 = System.nanoTime();
      DemoReplay.Summary sum = new DemoReplay(s).replayAll(demos);
      System.out.println(s + " in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
      System.out.println(sum.format());
    }
  }
}
