package dev.tito.console.pictures;

import dev.tito.notebook.feedback.FeedbackPage;
import java.util.List;
import java.util.Locale;

/**
 * Small charts as inline SVG, drawn on the server (no script): bars of counts, and a line over time. Labels are
 * escaped; colours come from the page's stylesheet through classes.
 */
public final class Svg {
  private static final int WIDTH = 360;
  private static final int HEIGHT = 120;
  private static final int AXIS = 18;

  /** One bar: its label under the axis, its count, its class (for its colour). */
  public record Bar(String label, int count, String css) {}

  /** One point of a line: seconds since the line's start, and a value. */
  public record Point(double seconds, double value) {}

  private Svg() {}

  /** Vertical bars, each labelled and with its count above it; {@code title} names the chart for screen readers. */
  public static String bars(String title, List<Bar> bars) {
    int max = Math.max(1, bars.stream().mapToInt(Bar::count).max().orElse(1));
    double slot = (double) WIDTH / Math.max(1, bars.size());
    StringBuilder svg = open(title);
    for (int i = 0; i < bars.size(); i++) {
      Bar bar = bars.get(i);
      double height = (HEIGHT - 2.0 * AXIS) * bar.count() / max;
      double x = i * slot + slot * 0.1;
      double y = HEIGHT - AXIS - height;
      svg.append("<rect class=\"")
          .append(FeedbackPage.escape(bar.css()))
          .append("\" x=\"")
          .append(num(x))
          .append("\" y=\"")
          .append(num(y))
          .append("\" width=\"")
          .append(num(slot * 0.8))
          .append("\" height=\"")
          .append(num(height))
          .append("\"><title>")
          .append(FeedbackPage.escape(bar.label() + ": " + bar.count()))
          .append("</title></rect>");
      text(svg, x + slot * 0.4, y - 3, String.valueOf(bar.count()), "count");
      text(svg, x + slot * 0.4, HEIGHT - 4, bar.label(), "label");
    }
    return close(svg);
  }

  /** A line of values over time, with its largest value and its time span written on the axes. */
  public static String line(String title, List<Point> points, String unit) {
    StringBuilder svg = open(title);
    double span = Math.max(1, points.stream().mapToDouble(Point::seconds).max().orElse(1));
    double highest = points.stream().mapToDouble(Point::value).max().orElse(0);
    double max = Math.max(1, highest);
    StringBuilder path = new StringBuilder();
    for (Point point : points) {
      path.append(path.length() == 0 ? "" : " ")
          .append(num(AXIS + (WIDTH - AXIS) * point.seconds() / span))
          .append(',')
          .append(num(HEIGHT - AXIS - (HEIGHT - 2.0 * AXIS) * point.value() / max));
    }
    svg.append("<line class=\"axis\" x1=\"")
        .append(AXIS)
        .append("\" y1=\"")
        .append(HEIGHT - AXIS)
        .append("\" x2=\"")
        .append(WIDTH)
        .append("\" y2=\"")
        .append(HEIGHT - AXIS)
        .append("\"/>");
    if (!points.isEmpty()) {
      svg.append("<polyline class=\"series\" points=\"").append(path).append("\"/>");
    }
    text(svg, AXIS + 2, AXIS - 4, "at most " + num(highest) + " " + unit, "label start");
    text(svg, WIDTH - 2, HEIGHT - 4, "last " + duration(span), "label end");
    return close(svg);
  }

  private static StringBuilder open(String title) {
    return new StringBuilder(1024)
        .append("<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ")
        .append(WIDTH)
        .append(' ')
        .append(HEIGHT)
        .append("\" role=\"img\"><title>")
        .append(FeedbackPage.escape(title))
        .append("</title>");
  }

  private static String close(StringBuilder svg) {
    return svg.append("</svg>").toString();
  }

  private static void text(StringBuilder svg, double x, double y, String text, String css) {
    svg.append("<text class=\"")
        .append(css)
        .append("\" x=\"")
        .append(num(x))
        .append("\" y=\"")
        .append(num(y))
        .append("\">")
        .append(FeedbackPage.escape(text))
        .append("</text>");
  }

  private static String num(double value) {
    return value == Math.rint(value)
        ? String.valueOf((long) value)
        : String.format(Locale.ROOT, "%.1f", value);
  }

  private static String duration(double seconds) {
    return seconds < 120
        ? num(seconds) + " s"
        : seconds < 7200 ? num(seconds / 60) + " min" : num(seconds / 3600) + " h";
  }
}
