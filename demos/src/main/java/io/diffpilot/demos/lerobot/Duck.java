package io.diffpilot.demos.lerobot;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** An in-memory DuckDB connection that never reaches the network (Parquet is built in). */
final class Duck {
  private Duck() {}

  static Connection open() throws SQLException {
    try {
      Class.forName("org.duckdb.DuckDBDriver");
    } catch (ClassNotFoundException e) {
      throw new SQLException("DuckDB JDBC driver not on the class path", e);
    }
    Connection c = DriverManager.getConnection("jdbc:duckdb:");
    try (Statement s = c.createStatement()) {
      s.execute("SET autoinstall_known_extensions=false");
      s.execute("SET autoload_known_extensions=false");
      s.execute("SET threads=1");
    }
    return c;
  }

  /** {@code path} as a SQL string literal. */
  static String literal(Path path) {
    return "'" + path.toAbsolutePath().toString().replace("'", "''") + "'";
  }

  /** {@code name} as a quoted SQL identifier ("observation.state" has a dot). */
  static String ident(String name) {
    return "\"" + name.replace("\"", "\"\"") + "\"";
  }

  static String text(String s) {
    return "'" + s.replace("'", "''") + "'";
  }
}
