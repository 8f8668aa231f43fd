package io.diffpilot.sim.render;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/** Frames of several episodes combined into one animation: a grid per time step. */
public final class EpisodeFrames {
  private EpisodeFrames() {}

  /**
   * One grid frame per step of the longest episode; shorter episodes hold their last frame.
   *
   * @param episodes per episode its frames, all of one size
   */
  public static List<BufferedImage> sideBySide(List<List<BufferedImage>> episodes, int columns) {
    int longest = episodes.stream().mapToInt(List::size).max().orElse(0);
    List<BufferedImage> out = new ArrayList<>(longest);
    for (int t = 0; t < longest; t++) {
      List<BufferedImage> tiles = new ArrayList<>(episodes.size());
      for (List<BufferedImage> ep : episodes) {
        if (!ep.isEmpty()) {
          tiles.add(ep.get(Math.min(t, ep.size() - 1)));
        }
      }
      out.add(GifWriter.grid(tiles, columns));
    }
    return out;
  }
}
