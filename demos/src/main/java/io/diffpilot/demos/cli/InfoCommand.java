package io.diffpilot.demos.cli;

import io.diffpilot.demos.dataset.DemoDataset;
import io.diffpilot.demos.dataset.Feature;
import io.diffpilot.demos.lerobot.LeRobotDataset;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code diffpilot demos info DIR}. */
@Command(name = "info", mixinStandardHelpOptions = true,
    description = "Print a dataset's episodes, frames, features and fps (LeRobot dir or Push-T CSV dir).")
final class InfoCommand extends DatasetCommand {
  @Parameters(index = "0", paramLabel = "DIR", description = "dataset directory, or a ROS .bag file (lists its topics)")
  Path dir;

  @Override
  Integer execute() throws Exception {
    PrintWriter out = out();
    if (java.nio.file.Files.isRegularFile(dir) && dir.toString().endsWith(".bag")) {
      printBag(io.diffpilot.demos.rosbag.BagReader.read(dir, true), out);
      return 0;
    }
    DemoDataset ds = DatasetDirectory.open(dir);
    print(ds, out);
    return 0;
  }

  /** Topics, types and counts of a bag: what to pass to {@code import --from rosbag}. */
  static void printBag(io.diffpilot.demos.rosbag.Bag bag, PrintWriter out) {
    var messages = bag.messages();
    out.println("ROS bag " + bag.file());
    if (!messages.isEmpty()) {
      double seconds = (messages.get(messages.size() - 1).timeNanos() - messages.get(0).timeNanos()) / 1e9;
      out.printf("messages:   %d over %.2f s%n", messages.size(), seconds);
    }
    out.println("topics:");
    bag.connections().values().stream().map(c -> c.topic() + "|" + c.type()).distinct().sorted().forEach(t -> {
      String[] p = t.split("\\|");
      boolean decodable = io.diffpilot.demos.rosbag.RosMessageDecoder.MD5.containsKey(p[1]);
      out.printf("  %-32s %-34s %6d msgs%s%n", p[0], p[1], bag.count(p[0]), decodable ? "" : "  (not importable)");
    });
    bag.notes().forEach(n -> out.println("note: " + n));
    out.flush();
  }

  static void print(DemoDataset ds, PrintWriter out) {
    out.println(ds.describe());
    if (ds instanceof LeRobotDataset l) {
      out.println("format:     LeRobot " + l.version());
    }
    out.println("robot:      " + (ds.robotType().isEmpty() ? "-" : ds.robotType()));
    out.println("fps:        " + ds.schema().fps());
    out.println("episodes:   " + ds.size());
    out.println("frames:     " + ds.totalFrames());
    out.println("features:");
    for (Feature f : ds.schema().features()) {
      String use = f.isObservation() ? "observation '" + f.observationName() + "'" : "actions";
      out.printf("  %-28s [%d]  -> %s%s%n", f.key(), f.dim(), use,
          f.names().isEmpty() ? "" : "  " + f.names());
    }
    if (ds instanceof LeRobotDataset l) {
      for (String note : l.notes()) {
        out.println("note: " + note);
      }
    }
    StringBuilder lengths = new StringBuilder("lengths:   ");
    int shown = Math.min(ds.size(), 20);
    for (int i = 0; i < shown; i++) {
      lengths.append(' ').append(ds.episode(i).index()).append(':').append(ds.episode(i).length());
    }
    if (shown < ds.size()) {
      lengths.append(" ... (").append(ds.size() - shown).append(" more)");
    }
    out.println(lengths);
    out.flush();
  }
}
