package io.diffpilot.tools.bench.policy;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** {@link FastBench}'s Markdown table of the backend rows and the latency targets they are held to. */
final class BackendTable {

  private BackendTable() {}

  /** The issue-8 targets, checked against this run's rows. */
  static void printTargets(List<FastBench.Row> rows, int[] threads, PrintWriter out) {
    out.println();
    for (int t : threads) {
      FastBench.Row java = find(rows, "java", "chunk", 1, t, 10);
      FastBench.Row torch = find(rows, "torch-eager", "chunk", 1, t, 10);
      FastBench.Row java64 = find(rows, "java", "chunk", 64, t, 10);
      FastBench.Row torch64 = find(rows, "torch-eager", "chunk", 64, t, 10);
      if (java != null && torch != null) {
        out.printf(Locale.ROOT, "target %d thread(s), batch 1, DDIM-10: java p50 / torch p50 = %.2f (≤ 0.80: %s); "
            + "java p99 / p50 = %.2f (≤ 1.5: %s)%n", t, java.p50() / torch.p50(), java.p50() <= 0.8 * torch.p50() ? "met" : "MISSED",
            java.p99() / java.p50(), java.p99() <= 1.5 * java.p50() ? "met" : "MISSED");
      }
      if (java64 != null && torch64 != null) {
        out.printf(Locale.ROOT, "target %d thread(s), batch 64, DDIM-10: java %.0f chunks/s vs torch %.0f chunks/s (≥: %s)%n",
            t, 64000 / java64.p50(), 64000 / torch64.p50(), java64.p50() <= torch64.p50() ? "met" : "MISSED");
      }
    }
  }

  static FastBench.Row find(List<FastBench.Row> rows, String backend, String kind, int batch, int threads, int steps) {
    return rows.stream().filter(r -> r.backend().equals(backend) && r.kind().equals(kind) && r.batch() == batch
        && r.threads() == threads && r.steps() == steps).findFirst().orElse(null);
  }

  static void printTable(List<FastBench.Row> rows, PrintWriter out) {
    out.println("| backend | kind | batch | threads | DDIM steps | p50 ms | p99 ms | p99/p50 | p50 / torch p50 | chunks/s |");
    out.println("|---|---|---|---|---|---|---|---|---|---|");
    for (FastBench.Row r : rows) {
      FastBench.Row torch = rows.stream().filter(o -> o.backend().equals("torch-eager") && o.kind().equals(r.kind())
          && o.batch() == r.batch() && o.threads() == r.threads() && o.steps() == r.steps()).findFirst().orElse(null);
      String ratio = torch == null ? "–" : String.format(Locale.ROOT, "%.2f", r.p50() / torch.p50());
      String throughput = r.kind().equals("chunk")
          ? String.format(Locale.ROOT, "%.0f", r.batch() * 1000.0 / r.p50()) : "–";
      out.printf(Locale.ROOT, "| %s | %s | %d | %d | %s | %.2f | %.2f | %.2f | %s | %s |%n", r.backend(), r.kind(),
          r.batch(), r.threads(), r.steps() == 0 ? "–" : Integer.toString(r.steps()), r.p50(), r.p99(),
          r.p99() / r.p50(), ratio, throughput);
    }
  }
}
