package dev.tito.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** A plain-text table with a header row, columns padded to their widest cell; the last column is not padded. */
final class AlignedTable {
  private final List<String[]> rows = new ArrayList<>();
  private final boolean[] rightAligned;

  AlignedTable(String... header) {
    rows.add(header);
    rightAligned = new boolean[header.length];
  }

  AlignedTable alignRight(int column) {
    rightAligned[column] = true;
    return this;
  }

  void add(String... row) {
    rows.add(row);
  }

  void print(PrintWriter out) {
    int columns = rows.get(0).length;
    int[] widths = new int[columns];
    for (String[] row : rows) {
      for (int c = 0; c < columns; c++) {
        widths[c] = Math.max(widths[c], row[c].length());
      }
    }
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < columns; c++) {
        String cell = row[c];
        boolean last = c == columns - 1;
        String pad = " ".repeat(widths[c] - cell.length());
        line.append(rightAligned[c] ? pad + cell : last ? cell : cell + pad);
        if (!last) {
          line.append("  ");
        }
      }
      out.println(line.toString().stripTrailing());
    }
  }
}
