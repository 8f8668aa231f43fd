package io.diffpilot.tools.dist;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** The ELF shared libraries inside a jar, read as a stream (a jar inside a tarball, unextracted). */
final class NativeLibraries {
  /** libtorch.so, libgomp-98b21ff3.so.1, libgfortran-0b50f350.so.5.0.0, ... */
  private static final Pattern SHARED_LIBRARY = Pattern.compile(".*\\.so(\\.[0-9]+)*");

  private NativeLibraries() {}

  /**
   * Each shared library in the jar and the machine its ELF header names.
   *
   * @param jar the jar's bytes; read up to its last entry and not closed (it may be a tar entry)
   * @param jarName names the jar in the keys and in error messages
   * @return {@code "<jarName>!/<path in jar>"} to e_machine, sorted by key
   */
  static Map<String, Integer> machines(InputStream jar, String jarName) throws IOException {
    Map<String, Integer> machines = new TreeMap<>();
    ZipInputStream zip = new ZipInputStream(jar); // not closed: that would close the tarball
    for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
      String simpleName = e.getName().substring(e.getName().lastIndexOf('/') + 1);
      if (!e.isDirectory() && SHARED_LIBRARY.matcher(simpleName).matches()) {
        String where = jarName + "!/" + e.getName();
        machines.put(where, ElfHeader.machine(zip, where));
      }
    }
    return machines;
  }
}
