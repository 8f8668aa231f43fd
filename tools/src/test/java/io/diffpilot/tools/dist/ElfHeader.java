package io.diffpilot.tools.dist;

import java.io.IOException;
import java.io.InputStream;

/**
 * The machine a 64-bit little-endian ELF shared library was built for, read from the first 20
 * bytes of its header (e_ident[16], e_type u16, e_machine u16), so a native library can be
 * checked inside a jar inside a tarball without extracting anything.
 */
final class ElfHeader {
  /** e_machine of x86-64 (AMD64). */
  static final int EM_X86_64 = 62;
  /** e_machine of ARM 64-bit (AArch64). */
  static final int EM_AARCH64 = 183;

  private static final int HEADER_BYTES = 20;
  private static final int ELFCLASS64 = 2;
  private static final int ELFDATA2LSB = 1;

  private ElfHeader() {}

  /**
   * Reads e_machine from the start of {@code in}, which is left positioned after the 20 bytes.
   *
   * @param where names the file in the error message (e.g. "lib/x.jar!/libtorch.so")
   * @throws IOException if the bytes are not the header of a 64-bit little-endian ELF file
   */
  static int machine(InputStream in, String where) throws IOException {
    byte[] h = in.readNBytes(HEADER_BYTES);
    if (h.length < HEADER_BYTES) {
      throw new IOException(where + ": " + h.length + " bytes, too short for an ELF header");
    }
    if (h[0] != 0x7f || h[1] != 'E' || h[2] != 'L' || h[3] != 'F') {
      throw new IOException(where + ": not an ELF file (no \\x7fELF magic)");
    }
    if (h[4] != ELFCLASS64 || h[5] != ELFDATA2LSB) {
      throw new IOException(where + ": ELF class " + h[4] + " / data " + h[5] + ", expected 64-bit little-endian");
    }
    return (h[18] & 0xff) | (h[19] & 0xff) << 8;
  }

  /** A readable name for the machines a Linux distribution can ship. */
  static String name(int machine) {
    return switch (machine) {
      case EM_X86_64 -> "x86_64";
      case EM_AARCH64 -> "aarch64";
      default -> "e_machine " + machine;
    };
  }
}
