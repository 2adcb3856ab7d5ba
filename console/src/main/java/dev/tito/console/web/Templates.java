package dev.tito.console.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.util.Map;

/**
 * The console's pages, written in jte (src/main/jte) and compiled to Java by the build: HTML escaping by context is
 * jte's default, so a value reaches a page as text unless a template says {@code $unsafe} (only for HTML the console
 * made itself: rendered markdown, charts).
 */
final class Templates {
  private static final TemplateEngine ENGINE =
      TemplateEngine.createPrecompiled(
          null, ContentType.Html, Templates.class.getClassLoader(), "dev.tito.console.templates");

  private Templates() {}

  static String render(String template, Map<String, Object> parameters) {
    StringOutput output = new StringOutput(16 * 1024);
    ENGINE.render(template + ".jte", parameters, output);
    return output.toString();
  }
}
