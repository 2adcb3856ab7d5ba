package dev.tito.notebook.export;

/** RFC 4180 quoting for the exports meant for spreadsheets and LMS imports. */
final class CsvField {
  private CsvField() {}

  static String quote(String value) {
    if (value == null) {
      return "";
    }
    if (value.contains(",")
        || value.contains("\"")
        || value.contains("\n")
        || value.contains("\r")) {
      return "\"" + value.replace("\"", "\"\"") + "\"";
    }
    return value;
  }
}
