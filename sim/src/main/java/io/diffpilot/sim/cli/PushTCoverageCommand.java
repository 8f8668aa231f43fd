package io.diffpilot.sim.cli;

import io.diffpilot.sim.pusht.Coverage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code diffpilot sim pusht coverage --poses FILE.csv}: reads rows with block_x, block_y,
 * block_angle columns (others are kept) and prints them with a coverage column.
 */
@Command(name = "coverage", mixinStandardHelpOptions = true,
    description = "Add a coverage column to a CSV of block poses (columns block_x,block_y,block_angle).")
public final class PushTCoverageCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--poses", required = true, description = "CSV with a header naming block_x, block_y, block_angle.")
  Path poses;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try (BufferedReader r = Files.newBufferedReader(poses)) {
      String header = r.readLine();
      if (header == null) {
        err.println(poses + ": empty file, expected a header with block_x,block_y,block_angle");
        return 2;
      }
      List<String> cols = Arrays.stream(header.split(",")).map(String::trim).toList();
      int ix = cols.indexOf("block_x");
      int iy = cols.indexOf("block_y");
      int ia = cols.indexOf("block_angle");
      if (ix < 0 || iy < 0 || ia < 0) {
        err.println(poses + ":1: header must name block_x, block_y and block_angle, got: " + header);
        return 2;
      }
      out.println(header.strip() + ",coverage");
      String line;
      int lineNo = 1;
      while ((line = r.readLine()) != null) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        String[] p = line.split(",", -1);
        if (p.length != cols.size()) {
          err.println(poses + ":" + lineNo + ": " + p.length + " columns, header has " + cols.size());
          return 2;
        }
        double x;
        double y;
        double a;
        try {
          x = Double.parseDouble(p[ix].trim());
          y = Double.parseDouble(p[iy].trim());
          a = Double.parseDouble(p[ia].trim());
        } catch (NumberFormatException e) {
          err.println(poses + ":" + lineNo + ": not a number (" + e.getMessage() + ")");
          return 2;
        }
        if (!Double.isFinite(x) || !Double.isFinite(y) || !Double.isFinite(a)) {
          err.println(poses + ":" + lineNo + ": pose is not finite");
          return 2;
        }
        out.println(line.strip() + "," + Coverage.of(x, y, a));
      }
    } catch (IOException e) {
      err.println("cannot read " + poses + ": " + e.getMessage());
      return 2;
    }
    out.flush();
    return 0;
  }
}
