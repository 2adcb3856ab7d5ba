package dev.tito.console.web;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Server-sent events to every open console page: each change the course's one watch reports is rendered once and sent
 * to all of them (pages never poll). A page that went away is dropped at the next event or keep-alive.
 */
final class EventStream implements AutoCloseable {
  private static final long KEEP_ALIVE_SECONDS = 15;
  private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService keepAlive =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread thread = new Thread(r, "console-events");
            thread.setDaemon(true);
            return thread;
          });

  private record Subscriber(OutputStream out, CountDownLatch gone) {}

  EventStream() {
    keepAlive.scheduleWithFixedDelay(
        () -> send(": keep-alive\n\n"), KEEP_ALIVE_SECONDS, KEEP_ALIVE_SECONDS, TimeUnit.SECONDS);
  }

  /** Holds the request open as an event stream until the page goes away; {@code first} is sent at once, if any. */
  void serve(HttpExchange exchange, String firstEvent, String firstData) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.sendResponseHeaders(200, 0);
    Subscriber subscriber = new Subscriber(exchange.getResponseBody(), new CountDownLatch(1));
    subscribers.add(subscriber);
    if (firstData != null) {
      write(subscriber, frame(firstEvent, firstData));
    }
    try {
      subscriber.gone().await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      subscribers.remove(subscriber);
      exchange.close();
    }
  }

  /** Sends one event, with {@code data} (any number of lines), to every open page. */
  void publish(String event, String data) {
    send(frame(event, data));
  }

  int listening() {
    return subscribers.size();
  }

  static String frame(String event, String data) {
    StringBuilder frame = new StringBuilder("event: ").append(event).append('\n');
    data.lines().forEach(line -> frame.append("data: ").append(line).append('\n'));
    return frame.append('\n').toString();
  }

  private void send(String frame) {
    subscribers.forEach(subscriber -> write(subscriber, frame));
  }

  private static void write(Subscriber subscriber, String frame) {
    synchronized (subscriber) {
      try {
        subscriber.out().write(frame.getBytes(StandardCharsets.UTF_8));
        subscriber.out().flush();
      } catch (IOException e) {
        subscriber.gone().countDown();
      }
    }
  }

  @Override
  public void close() {
    keepAlive.shutdownNow();
    subscribers.forEach(subscriber -> subscriber.gone().countDown());
  }
}
