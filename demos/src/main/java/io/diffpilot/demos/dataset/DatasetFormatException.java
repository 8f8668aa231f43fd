package io.diffpilot.demos.dataset;

/**
 * A dataset file that cannot be read as it claims to be: names the file and the place inside it
 * (episode, frame, column, byte offset). Thrown before anything of the import is returned, so an
 * import is never partial.
 */
public final class DatasetFormatException extends RuntimeException {
  private final String file;
  private final String place;

  public DatasetFormatException(String file, String place, String problem) {
    this(file, place, problem, null);
  }

  public DatasetFormatException(String file, String place, String problem, Throwable cause) {
    super(file + (place == null || place.isEmpty() ? "" : " (" + place + ")") + ": " + ErrorText.oneLine(problem), cause);
    this.file = file;
    this.place = place;
  }

  /** The file (or directory) that is at fault. */
  public String file() {
    return file;
  }

  /** Where in the file: "episode 3, frame 17, column action", or empty. */
  public String place() {
    return place == null ? "" : place;
  }
}
