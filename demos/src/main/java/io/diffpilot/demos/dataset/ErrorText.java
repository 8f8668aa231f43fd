package io.diffpilot.demos.dataset;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.regex.Pattern;

/**
 * Turns what libraries say (DuckDB's multi-line errors prefixed with Java class names, Jackson's
 * two-line locations, bare paths from file-system exceptions) into one line a user can act on.
 */
public final class ErrorText {
  /** "java.sql.SQLException: ", "com.fasterxml.jackson.core.io.JsonEOFException: " and the like. */
  private static final Pattern CLASS_PREFIX = Pattern.compile("\\b(?:[a-z_][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error): ");

  private ErrorText() {}

  /** {@code text} on one line, without Java class names; "unknown error" when null or blank. */
  public static String oneLine(String text) {
    if (text == null || text.isBlank()) {
      return "unknown error";
    }
    String s = CLASS_PREFIX.matcher(text).replaceAll("");
    s = s.strip().replaceAll("\\s*\\R\\s*", "; ").replaceAll("\\s{2,}", " ");
    return s.isEmpty() ? "unknown error" : s;
  }

  /** What went wrong with {@code e}, on one line, in words rather than exception class names. */
  public static String of(Throwable e) {
    if (e instanceof JsonProcessingException j) {
      var at = j.getLocation();
      String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      String what = oneLine(j.getOriginalMessage()).replaceAll("\\s*\\(start marker at \\[Source:[^\\]]*\\][^)]*\\)", "");
      return "not valid JSON" + where + " (" + what + "; truncated or hand-edited?)";
    }
    if (e instanceof AccessDeniedException f) {
      return "permission denied: " + f.getFile();
    }
    if (e instanceof NoSuchFileException f) {
      return "no such file or directory: " + f.getFile();
    }
    if (e instanceof FileAlreadyExistsException f) {
      return "already exists: " + f.getFile();
    }
    if (e instanceof FileSystemException f) {
      return (f.getReason() == null ? "cannot use" : oneLine(f.getReason())) + ": " + f.getFile();
    }
    if (e instanceof IOException && e.getMessage() == null) {
      return "input/output error";
    }
    return oneLine(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
  }
}
