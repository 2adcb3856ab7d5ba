package dev.tito.notebook.feedback;

import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * A markdown cell as HTML, CommonMark as Jupyter renders it, safe to put in a page: raw HTML in the cell is shown as
 * text and link or image addresses other than http(s), mailto and data images are dropped (a student writes markdown
 * cells, and a {@code <script>} or a {@code javascript:} link there must not run in anyone's browser).
 */
public final class Markdown {
  private static final Parser PARSER = Parser.builder().build();
  private static final HtmlRenderer RENDERER =
      HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).build();

  private Markdown() {}

  public static String html(String markdown) {
    return RENDERER.render(PARSER.parse(markdown));
  }
}
