package dev.tito.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tito.console.course.LocalCourse;
import dev.tito.controlplane.HeadlessChromium;
import dev.tito.notebook.review.CourseReviews;
import dev.tito.notebook.review.GradeRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The console in Debian's headless Chromium on the sample course: an instructor grades ada's written answer from the
 * browser, and the gradebook, the export and ada's feedback page follow; bad scores, a grade given meanwhile from the
 * command line, and requests without the console's token. Screenshots of the pages go to target/screenshots/.
 */
class ConsoleInChromiumTest {
  static final Path SCREENSHOTS = Path.of("target", "screenshots");
  private static final String ANSWER = "cell-01_tensor-answer-shapes";
  private static ChromeDriver chrome;
  @TempDir static Path browserDir;
  @TempDir Path dir;
  private Path course;
  private Console console;
  private String origin;

  @BeforeAll
  static void startChromium() throws Exception {
    assumeTrue(
        HeadlessChromium.available() || "true".equals(System.getenv("CI")),
        "Debian's chromium and chromium-driver are needed: apt-get install chromium chromium-driver");
    Files.createDirectories(SCREENSHOTS);
    chrome = HeadlessChromium.start(Files.createDirectories(browserDir.resolve("chromium")));
  }

  @AfterAll
  static void stopChromium() {
    if (chrome != null) {
      chrome.quit();
    }
  }

  @BeforeEach
  void startTheConsoleOnTheSampleCourse() {
    course = GradedSampleCourse.in(dir, "grace");
    console =
        Console.start(new LocalCourse(course, Clock.systemUTC()), 0, "alice", Clock.systemUTC());
    origin = "http://127.0.0.1:" + console.url().getPort();
    chrome.manage().deleteAllCookies();
  }

  @AfterEach
  void stopTheConsole() {
    console.close();
  }

  @Test
  void anInstructorGradesAdasWrittenAnswerAndTheGradebookTheExportAndHerFeedbackPageFollow()
      throws Exception {
    chrome.get(console.url().toString());
    assertThat(chrome.getCurrentUrl()).isEqualTo(origin + "/");
    assertThat(cell("ada", 1).getText()).isEqualTo("3.0✎");
    shoot("gradebook-before");

    chrome.findElement(By.cssSelector("a.to-grade")).click();
    await(
        () -> chrome.getCurrentUrl().endsWith("/submission/01_tensor/ada#" + ANSWER),
        "ada's answer");
    WebElement form = chrome.findElement(By.cssSelector("#" + ANSWER + " form"));
    await(
        () -> "score".equals(chrome.switchTo().activeElement().getAttribute("name")),
        "the score field's focus");
    WebElement focused = chrome.switchTo().activeElement();
    assertThat(
            focused
                .findElement(By.xpath("ancestor::div[contains(@class, 'cell')]"))
                .getAttribute("id"))
        .isEqualTo(ANSWER);
    assertThat(chrome.findElement(By.id(ANSWER)).getText())
        .contains("written answer", "waits for a person");
    shoot("submission-before");
    form.findElement(By.name("comment"))
        .sendKeys("Say which size is which. <script>alert('x')</script>");
    form.findElement(By.name("score")).sendKeys("1.5", Keys.ENTER);

    await(() -> !chrome.findElements(By.cssSelector(".flash")).isEmpty(), "the saved message");
    assertThat(chrome.findElement(By.cssSelector(".flash")).getText())
        .isEqualTo(
            "Saved ada 01_tensor/answer-shapes: 1.5 by alice; 01_tensor of ada is now 4.5 / 5.0");
    assertThat(chrome.findElement(By.cssSelector("#" + ANSWER + " textarea")).getAttribute("value"))
        .isEqualTo("Say which size is which. <script>alert('x')</script>");
    assertNoScriptRan(2);
    shoot("submission-after");

    chrome.get(origin + "/");
    assertThat(cell("ada", 1).getText()).isEqualTo("4.5");
    assertThat(chrome.findElement(By.cssSelector("thead")).getText()).contains("1 to grade");
    shoot("gradebook-after");
    assertThat(exportFromThePage("csv"))
        .containsPattern("\n01_tensor,,[^,]*,ada,,,,4.5,0.0,4.5,5.0\n");
    assertThat(exportFromThePage("canvas")).contains("\nada,,,ada,,4.5");

    chrome.get(origin + "/feedback/01_tensor/ada/01_tensor");
    assertThat(chrome.findElement(By.tagName("body")).getText())
        .contains(
            "01_tensor (Score: 4.5 / 5.0)",
            "Score: 1.5 / 2.0 (graded by your instructor)",
            "Comment: Say which size is which. <script>alert('x')</script>");
    assertNoScriptRan(0);
    shoot("feedback-ada");
    assertThat(Files.readString(course.resolve("feedback/ada/01_tensor/01_tensor.html")))
        .contains(
            "Score: 1.5 / 2.0 (graded by your instructor)",
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
  }

  @Test
  void theKeyNGoesToTheNextAnswerThatWaitsForAPersonAndJMovesBetweenGradeFields() {
    chrome.get(console.url().toString());
    chrome.get(origin + "/submission/01_tensor/ada");

    chrome.findElement(By.tagName("body")).sendKeys("j");
    String focused = chrome.switchTo().activeElement().getAttribute("name");
    chrome.switchTo().activeElement().sendKeys(Keys.ESCAPE);
    chrome.findElement(By.tagName("body")).sendKeys("n");

    assertThat(focused).isEqualTo("score");
    await(
        () -> chrome.getCurrentUrl().endsWith("/submission/01_tensor/grace#" + ANSWER),
        "grace's answer");
  }

  @ParameterizedTest(name = "score {0}: {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "-1  | ada: 01_tensor/answer-shapes: score -1.0 is below 0",
        "2.5 | ada: 01_tensor/answer-shapes: score 2.5 is above the cell's 2.0 points",
        "abc | score 'abc' is not a number",
        "''  | score is missing: type the points to give"
      })
  void aBadScoreIsRefusedWithOneLineAndWhatWasTypedStays(String score, String message)
      throws Exception {
    chrome.get(console.url().toString());
    chrome.get(origin + "/submission/01_tensor/ada#" + ANSWER);
    WebElement form = chrome.findElement(By.cssSelector("#" + ANSWER + " form"));
    form.findElement(By.name("comment")).sendKeys("Kept <b>as typed</b>");
    form.findElement(By.name("score")).sendKeys(score, Keys.ENTER);

    await(
        () -> !chrome.findElements(By.cssSelector("#" + ANSWER + " .problem")).isEmpty(),
        "the refusal");
    assertThat(chrome.findElement(By.cssSelector("#" + ANSWER + " .problem")).getText())
        .isEqualTo(message);
    assertThat(
            chrome
                .findElement(By.cssSelector("#" + ANSWER + " input[name=score]"))
                .getAttribute("value"))
        .isEqualTo(score);
    assertThat(chrome.findElement(By.cssSelector("#" + ANSWER + " textarea")).getAttribute("value"))
        .isEqualTo("Kept <b>as typed</b>");
    assertThat(course.resolve(".tito/reviews/01_tensor/ada.json")).doesNotExist();
    if ("abc".equals(score)) {
      shoot("submission-refused");
    }
  }

  @Test
  void aGradeGivenMeanwhileFromTheCommandLineIsAConflictAndNothingIsLost() throws Exception {
    chrome.get(console.url().toString());
    chrome.get(origin + "/submission/01_tensor/ada#" + ANSWER);
    new CourseReviews(course, Clock.systemUTC())
        .set(
            "01_tensor",
            new GradeRequest("ada", null, "answer-shapes", 2.0, null, "Bob's comment"),
            "bob");
    WebElement form = chrome.findElement(By.cssSelector("#" + ANSWER + " form"));
    form.findElement(By.name("comment")).sendKeys("Alice's comment");
    form.findElement(By.name("score")).sendKeys("1", Keys.ENTER);

    await(
        () -> !chrome.findElements(By.cssSelector("#" + ANSWER + " .conflict")).isEmpty(),
        "the conflict");
    String conflict = chrome.findElement(By.cssSelector("#" + ANSWER + " .conflict")).getText();
    String bobs = Files.readString(course.resolve(".tito/reviews/01_tensor/ada.json"));
    shoot("submission-conflict");
    chrome.findElement(By.cssSelector("#" + ANSWER + " button")).click();
    await(() -> !chrome.findElements(By.cssSelector(".flash")).isEmpty(), "the saved message");

    assertThat(conflict)
        .startsWith("Someone else graded 2.0 by bob at ")
        .endsWith(
            " since you saw it; nothing was saved. What you typed is below: save it to replace theirs.");
    assertThat(bobs).contains("\"score\" : 2.0", "Bob's comment");
    assertThat(chrome.findElement(By.cssSelector(".flash")).getText())
        .startsWith("Saved ada 01_tensor/answer-shapes: 1.0 by alice (it replaced 2.0 by bob)");
    assertThat(Files.readString(course.resolve(".tito/reviews/01_tensor/ada.json")))
        .contains("Alice's comment");
  }

  @Test
  void aRegradeAskedForFromTheBrowserRunsTheKernelAgainAndKeepsThePersonsGrade() throws Exception {
    chrome.get(console.url().toString());
    chrome.get(origin + "/submission/01_tensor/ada#" + ANSWER);
    chrome
        .findElement(By.cssSelector("#" + ANSWER + " input[name=score]"))
        .sendKeys("1.5", Keys.ENTER);
    await(() -> !chrome.findElements(By.cssSelector(".flash")).isEmpty(), "the saved message");
    String before = Files.readString(course.resolve(".tito/grades/01_tensor/ada.json"));

    chrome.findElement(By.linkText("Regrade…")).click();
    String question = chrome.findElement(By.cssSelector("form.confirm p")).getText();
    shoot("confirm-regrade");
    // the confirmation's form, sent from the open gradebook, which hears the regrade's end as it
    // happens
    chrome.get(origin + "/");
    await(
        () ->
            Boolean.TRUE.equals(
                chrome.executeScript(
                    "return window.consoleEvents !== undefined "
                        + "&& window.consoleEvents.readyState === 1;")),
        "the gradebook's event stream");
    Object status =
        chrome.executeAsyncScript(
            "const done = arguments[arguments.length - 1];"
                + "fetch('/regrade', {method: 'POST', headers: {'Content-Type': 'application/x-www-form-urlencoded'},"
                + " body: 'module=01_tensor&student=ada', redirect: 'manual'}).then(r => done(r.type), e => done('' + e));");
    await(
        () -> !chrome.findElements(By.id("grades-changed")).isEmpty(),
        "the gradebook told the grades changed");
    chrome.findElement(By.linkText("Grades changed: show them")).click();

    assertThat(question)
        .isEqualTo(
            "Grade ada's submission of 01_tensor again? Their result is replaced; a person's "
                + "grades are kept where the answer is unchanged.");
    assertThat(status).isEqualTo("opaqueredirect");
    assertThat(chrome.findElement(By.cssSelector("footer.activity")).getText())
        .contains("regrading 01_tensor of ada", "regraded 01_tensor of ada");
    assertThat(Files.readString(course.resolve(".tito/grades/01_tensor/ada.json")))
        .isNotEqualTo(before)
        .contains("\"manual_score\" : 1.5");
    assertThat(cell("ada", 1).getText()).isEqualTo("4.5");
  }

  @Test
  void withoutTheConsolesTokenABrowserGetsNothing() throws Exception {
    chrome.get(origin + "/");
    String page = chrome.findElement(By.tagName("body")).getText();
    chrome.get(origin + "/?token=" + "0".repeat(48));
    String wrongToken = chrome.findElement(By.tagName("body")).getText();
    chrome.get(origin + "/submission/01_tensor/ada");
    String submission = chrome.findElement(By.tagName("body")).getText();

    assertThat(page).startsWith("Forbidden").doesNotContain("ada");
    assertThat(wrongToken).startsWith("Forbidden").doesNotContain("ada");
    assertThat(submission).startsWith("Forbidden").doesNotContain("answer");
    assertThat(chrome.manage().getCookies()).isEmpty();
  }

  @Test
  void aFormPostedWithoutTheCookieOrFromAnotherSiteWritesNothing() throws Exception {
    chrome.get(console.url().toString());
    String cookie = "tito-console=" + chrome.manage().getCookieNamed("tito-console").getValue();
    String form = "notebook=01_tensor&cell=answer-shapes&seen=&score=2&comment=x";
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest.Builder post =
        HttpRequest.newBuilder(URI.create(origin + "/grade/01_tensor/ada"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form));

    HttpResponse<String> anonymous = http.send(post.build(), HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> crossSite =
        http.send(
            post.header("Cookie", cookie).header("Origin", "http://evil.example").build(),
            HttpResponse.BodyHandlers.ofString());
    String rebound =
        statusLine(
            console.url().getPort(),
            "GET / HTTP/1.1\r\nHost: evil.example\r\nCookie: "
                + cookie
                + "\r\nConnection: close\r\n\r\n");

    assertThat(anonymous.statusCode()).isEqualTo(403);
    assertThat(crossSite.statusCode()).isEqualTo(403);
    assertThat(anonymous.body() + crossSite.body()).doesNotContain("ada");
    assertThat(rebound).isEqualTo("HTTP/1.1 403 Forbidden");
    assertThat(course.resolve(".tito/reviews/01_tensor/ada.json")).doesNotExist();
  }

  /** A request as a page on another host name that resolves to this machine (DNS rebinding) would send it. */
  private static String statusLine(int port, String request) throws Exception {
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
      socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      return new java.io.BufferedReader(
              new java.io.InputStreamReader(
                  socket.getInputStream(), java.nio.charset.StandardCharsets.US_ASCII))
          .readLine();
    }
  }

  /** The gradebook cell of a student's row: column 1 is the first module. */
  private static WebElement cell(String student, int column) {
    return chrome.findElement(
        By.xpath("//table[@id='gradebook']//tr[th='" + student + "']/td[" + column + "]"));
  }

  /** The export as the page's own form posts it, read back by the page (a fetch carrying the console's cookie). */
  private static String exportFromThePage(String format) {
    return (String)
        chrome.executeAsyncScript(
            "const done = arguments[arguments.length - 1];"
                + "fetch('/export', {method: 'POST', headers: {'Content-Type': 'application/x-www-form-urlencoded'},"
                + " body: 'format=' + arguments[0]}).then(r => r.text()).then(done, e => done('failed: ' + e));",
            format);
  }

  /** Only the console's own scripts are on the page, and none put up an alert. */
  private static void assertNoScriptRan(int ownScripts) {
    assertThat(chrome.findElements(By.tagName("script"))).hasSize(ownScripts);
    try {
      chrome.switchTo().alert();
      throw new AssertionError("an alert is open: a comment's script ran");
    } catch (NoAlertPresentException expected) {
      // nothing ran
    }
  }

  static void shoot(String name) throws Exception {
    Files.write(SCREENSHOTS.resolve(name + ".png"), chrome.getScreenshotAs(OutputType.BYTES));
  }

  private static void await(BooleanSupplier condition, String what) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("waited 15 s for " + what + "; at " + chrome.getCurrentUrl());
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
