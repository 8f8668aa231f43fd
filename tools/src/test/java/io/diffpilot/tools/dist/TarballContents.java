package io.diffpilot.tools.dist;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * What a distribution tarball holds, from one streaming pass: every entry (path below the
 * {@code diffpilot-<version>/} root folder, mode) and the ELF machine of each shared library
 * inside the jars chosen by name. Nothing is written to disk, so the aarch64 tarball can be
 * checked on an x86_64 machine without unpacking its ~300 MB of natives.
 *
 * @param entries path below the root folder (directories end in '/') to Unix mode bits
 * @param libraries {@code "lib/<jar>!/<path in jar>"} to e_machine, for the chosen jars only
 */
record TarballContents(Map<String, Integer> entries, Map<String, Integer> libraries) {

  TarballContents {
    entries = Collections.unmodifiableMap(new TreeMap<>(entries));
    libraries = Collections.unmodifiableMap(new TreeMap<>(libraries));
  }

  /**
   * Reads {@code tarGz}, whose entries must all lie under {@code rootFolder}.
   *
   * @param inspectJar which lib/ jars (path below the root, e.g. "lib/x.jar") to open for ELF headers
   * @throws IOException if the archive is unreadable or an entry lies outside {@code rootFolder}
   */
  static TarballContents read(Path tarGz, String rootFolder, Predicate<String> inspectJar) throws IOException {
    String prefix = rootFolder + "/";
    Map<String, Integer> entries = new TreeMap<>();
    Map<String, Integer> libraries = new TreeMap<>();
    try (InputStream file = new BufferedInputStream(Files.newInputStream(tarGz), 1 << 16);
        TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(file))) {
      for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
        if (!e.getName().startsWith(prefix)) {
          throw new IOException(tarGz + ": entry '" + e.getName() + "' is outside the root folder " + prefix);
        }
        String path = e.getName().substring(prefix.length());
        if (path.isEmpty()) {
          continue;
        }
        entries.put(path, e.getMode() & 07777);
        if (e.isFile() && path.startsWith("lib/") && path.endsWith(".jar") && inspectJar.test(path)) {
          libraries.putAll(NativeLibraries.machines(tar, path));
        }
      }
    }
    return new TarballContents(entries, libraries);
  }

  /** The file names in lib/ (jars), sorted. */
  SortedSet<String> libJars() {
    SortedSet<String> jars = new TreeSet<>();
    for (String path : entries.keySet()) {
      if (path.startsWith("lib/") && !path.endsWith("/")) {
        jars.add(path.substring("lib/".length()));
      }
    }
    return jars;
  }
}
