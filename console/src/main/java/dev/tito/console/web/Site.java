package dev.tito.console.web;

import dev.tito.console.course.CourseSource;
import java.time.Clock;

/** One course as the console serves it: its pages, and its event stream fed by the course's changes. */
record Site(Pages pages, EventStream events) implements AutoCloseable {

  /** @param gradedBy who grades given here are recorded as given by, unless a request names its person */
  static Site of(CourseSource source, Clock clock, String gradedBy) {
    Pages pages = new Pages(source, clock, gradedBy);
    EventStream events = new EventStream();
    source.onChange(
        change -> {
          if (events.listening() > 0) {
            pages.livePanel().ifPresent(panel -> events.publish("live", panel));
            if (change == CourseSource.Change.GRADES) {
              events.publish("grades", "changed");
            }
          }
        });
    return new Site(pages, events);
  }

  @Override
  public void close() {
    events.close();
  }
}
