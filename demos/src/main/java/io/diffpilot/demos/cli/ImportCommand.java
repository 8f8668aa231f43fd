package io.diffpilot.demos.cli;

import io.diffpilot.demos.dataset.DemoDataset;
import io.diffpilot.demos.lerobot.LeRobotDataset;
import io.diffpilot.demos.pusht.PushTCsvDataset;
import io.diffpilot.demos.rosbag.RosbagImportConfig;
import io.diffpilot.demos.rosbag.RosbagImporter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code diffpilot demos import}: any source into a LeRobot v3.0 dataset directory. */
@Command(name = "import", mixinStandardHelpOptions = true,
    description = "Import Push-T CSV, a LeRobot dataset or a ROS 1 bag into a LeRobot v3.0 dataset directory.")
final class ImportCommand extends DatasetCommand {

  enum Source { pusht_csv, lerobot, rosbag }

  @Option(names = "--from", required = true, converter = SourceConverter.class,
      description = "source kind: pusht-csv | lerobot | rosbag")
  Source from;

  @Parameters(index = "0", paramLabel = "SRC", description = "source directory (pusht-csv, lerobot) or .bag file")
  Path source;

  @Mixin
  LeRobotOutput output = new LeRobotOutput();

  @Option(names = "--first", defaultValue = "0", description = "pusht-csv, lerobot: first episode by position (default ${DEFAULT-VALUE})")
  int first;

  @Option(names = "--limit", defaultValue = "2147483647",
      description = "pusht-csv, lerobot: at most this many episodes (the paper trained on 90)")
  int limit;

  @Option(names = "--obs", description = "rosbag: observation NAME=TOPIC (or TOPIC), repeatable")
  List<String> obs = List.of();

  @Option(names = "--action", description = "rosbag: action topic")
  String action;

  @Option(names = "--hz", defaultValue = "10", description = "rosbag: control rate (default ${DEFAULT-VALUE})")
  double hz;

  @Option(names = "--max-age", description = "rosbag: max age of a held message in s (default 2/hz)")
  Double maxAge;

  @Option(names = "--gap", defaultValue = "1.0", description = "rosbag: silence that splits episodes, s (default ${DEFAULT-VALUE})")
  double gap;

  @Option(names = "--marker", description = "rosbag: topic whose messages start new episodes")
  String marker;

  @Option(names = "--task", description = "rosbag: task name stored in each episode")
  String task;

  @Option(names = "--recover", description = "rosbag: read a bag without index by scanning its complete chunks")
  boolean recover;

  @Override
  Integer execute() throws Exception {
    PrintWriter out = out();
    DemoDataset ds = switch (from) {
      case pusht_csv -> PushTCsvDataset.load(source, first, limit);
      case lerobot -> {
        LeRobotDataset all = LeRobotDataset.open(source);
        yield first == 0 && limit == Integer.MAX_VALUE ? all : all.slice(first, limit);
      }
      case rosbag -> fromBag(out);
    };
    output.write(ds, io.diffpilot.demos.lerobot.LeRobotLayout.V30);
    out.println("imported " + ds.describe() + ", " + ds.totalFrames() + " frames -> " + output.out + " (LeRobot v3.0)");
    out.flush();
    return 0;
  }

  private DemoDataset fromBag(PrintWriter out) {
    if (obs.isEmpty() || action == null) {
      throw usageError("rosbag import needs --obs and --action");
    }
    Map<String, String> topics = new LinkedHashMap<>();
    for (String o : obs) {
      int eq = o.indexOf('=');
      if (eq > 0) {
        topics.put(o.substring(0, eq), o.substring(eq + 1));
      } else {
        topics.put(RosbagImportConfig.nameOf(o), o);
      }
    }
    RosbagImportConfig config = new RosbagImportConfig(topics, action, hz, maxAge == null ? 2.0 / hz : maxAge, gap,
        marker, task, recover);
    RosbagImporter.Result r = RosbagImporter.importBag(source, config);
    r.report().forEach(line -> out.println("note: " + line));
    return r.dataset();
  }

  static final class SourceConverter implements picocli.CommandLine.ITypeConverter<Source> {
    @Override
    public Source convert(String value) {
      return Source.valueOf(value.replace('-', '_'));
    }
  }
}
