package io.diffpilot.core.data;

import io.diffpilot.core.EpisodeDataset;
import java.io.IOException;

/**
 * Opens the episodes a training YAML's {@code dataset:} section names by its {@code type}.
 *
 * <p>The trainer ({@code policy}) sees only this interface; the adapters live with the readers
 * they adapt ({@code demos}: {@code lerobot}, {@code pusht-csv}) and are found with
 * {@link java.util.ServiceLoader}. A new format plugs in by implementing this interface next to
 * its reader and listing the class in its module's
 * {@code META-INF/services/io.diffpilot.core.data.DatasetAdapter}; the module must be on the
 * class path of {@code diffpilot train} (runtime puts demos there).
 */
public interface DatasetAdapter {

  /** The {@code type:} value this adapter answers to, e.g. {@code lerobot}. */
  String type();

  /**
   * Reads the whole dataset and checks it before returning (a bad section or file fails here,
   * not in the middle of training).
   *
   * @param section the {@code dataset:} section, with {@code type} equal to {@link #type()}
   */
  EpisodeDataset open(DatasetSection section) throws IOException;
}
