package io.diffpilot.runtime.cli;

import java.nio.file.Path;

/**
 * DiffPilot's install folder, where the bundled models and data live: the launcher passes it as
 * {@code -Ddiffpilot.home}, so commands find them from any working directory (without the
 * launcher: the working directory).
 */
public final class InstallFolder {
  private InstallFolder() {}

  /** The bundled Push-T model that commands use when no {@code --model} is given. */
  public static Path pushTModel() {
    return resolve("models/pusht-keypoints");
  }

  /** {@code relative} inside the install folder. */
  public static Path resolve(String relative) {
    return Path.of(System.getProperty("diffpilot.home", ".")).resolve(relative);
  }
}
