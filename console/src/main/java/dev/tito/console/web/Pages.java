package dev.tito.console.web;

import dev.tito.console.cluster.ApiErrors;
import dev.tito.console.course.ClusterCourse;
import dev.tito.console.course.CourseSource;
import dev.tito.console.gradebook.Gradebook;
import dev.tito.console.gradebook.SubmissionPage;
import dev.tito.console.gradebook.Ungraded;
import dev.tito.console.live.LiveClass;
import dev.tito.console.pictures.Distributions;
import dev.tito.console.pictures.Svg;
import dev.tito.notebook.autograde.GradingResult;
import dev.tito.notebook.autograde.InvalidGradingResultException;
import dev.tito.notebook.execute.LocalJupyter;
import dev.tito.notebook.export.ExportFormat;
import dev.tito.notebook.export.ModuleGrades;
import dev.tito.notebook.export.Students;
import dev.tito.notebook.feedback.FeedbackPage;
import dev.tito.notebook.ipynb.NotebookFormatException;
import dev.tito.notebook.review.GradeRequest;
import dev.tito.notebook.review.ManualGrading;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** The console's pages and forms: each a function of the request and the course, rendered on the server. */
public final class Pages {
  private static final java.util.logging.Logger LOG =
      java.util.logging.Logger.getLogger(Pages.class.getName());
  private final CourseSource source;
  private final Clock clock;
  private final String gradedBy;
  private final Flash flash = new Flash();

  /** @param gradedBy who the grades given here are recorded as given by, unless the request names its person */
  public Pages(CourseSource source, Clock clock, String gradedBy) {
    this.source = source;
    this.clock = clock;
    this.gradedBy = gradedBy;
  }

  /** Answers a request; a problem the person can act on is a page saying so in one line. */
  public WebResponse handle(WebRequest request) {
    try {
      return route(request);
    } catch (ManualGrading.Conflict e) {
      return problem(409, "Someone else graded this", e.getMessage(), request);
    } catch (IllegalArgumentException
        | UncheckedIOException
        | LocalJupyter.JupyterMissingException
        | NotebookFormatException
        | InvalidGradingResultException e) {
      return problem(400, "That did not work", e.getMessage(), request);
    } catch (KubernetesClientException e) {
      return problem(
          e.getCode() == ApiErrors.FORBIDDEN ? 403 : 502,
          "The cluster refused",
          ApiErrors.oneLine(e),
          request);
    } catch (RuntimeException e) {
      // a fault of the console's own: said in one line, the page keeps working
      return problem(
          500, "Unexpected error", e.getClass().getSimpleName() + ": " + e.getMessage(), request);
    }
  }

  private WebResponse route(WebRequest request) {
    String first = request.segment(0);
    int size = request.segments().size();
    if (request.post()) {
      return switch (first == null ? "" : first) {
        case "grade" -> size == 3 ? grade(request) : notFound(request);
        case "regrade" -> regrade(request);
        case "start" -> start(request);
        case "export" -> export(request);
        default -> notFound(request);
      };
    }
    if (first == null) {
      return gradebook(request);
    }
    return switch (first) {
      case "module" -> size == 2 ? module(request, request.segment(1)) : notFound(request);
      case "submission" -> size == 3 ? submission(request, Map.of(), 200, null) : notFound(request);
      case "next" -> size == 2 ? next(request) : notFound(request);
      case "feedback" -> size == 4 ? feedback(request) : notFound(request);
      case "live" -> live(request);
      case "confirm" -> size == 2 ? confirm(request) : notFound(request);
      case "export" -> exportPage(request);
      default -> notFound(request);
    };
  }

  Chrome chrome(WebRequest request) {
    return new Chrome(
        source.describe(),
        source.cluster(),
        flash.take(request.parameter("flash")),
        source.activity(),
        request.base(),
        request.person());
  }

  private WebResponse gradebook(WebRequest request) {
    Gradebook book = Gradebook.of(source.grades(), source.failures());
    return page(200, "gradebook", Map.of("chrome", chrome(request), "book", book));
  }

  private WebResponse module(WebRequest request, String name) {
    ModuleGrades module = module(name);
    return page(
        200,
        "module",
        Map.of(
            "chrome",
            chrome(request),
            "module",
            module,
            "cells",
            Distributions.cells(module),
            "waiting",
            Ungraded.of(module),
            "regradesOneStudent",
            source.regradesOneStudent()));
  }

  private ModuleGrades module(String name) {
    return source.grades().stream()
        .filter(m -> m.module().equals(name))
        .findFirst()
        .orElseThrow(
            () -> new IllegalArgumentException("no module '" + name + "' in " + source.describe()));
  }

  private GradingResult result(ModuleGrades module, String student) {
    return module.results().stream()
        .filter(r -> r.student().equals(student))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "no graded submission of "
                        + module.module()
                        + " by '"
                        + student
                        + "' (it may have been deleted or be grading again)"));
  }

  /** The submission page; {@code forms} keeps what a person typed into a refused form. */
  private WebResponse submission(
      WebRequest request, Map<String, SubmissionPage.Form> forms, int status, String flashed) {
    String name = request.segment(1);
    String student = request.segment(2);
    ModuleGrades module = module(name);
    GradingResult result = result(module, student);
    List<ManualGrading.Cell> cells = source.grading().cells(name, student, false);
    CourseSource.Notebooks notebooks = source.notebooks(name, student);
    SubmissionPage page =
        SubmissionPage.of(result, cells, notebooks.notebooks(), forms, notebooks.hiddenNote());
    Optional<Ungraded.Position> next =
        Ungraded.next(module, new Ungraded.Position(student, "", ""));
    Chrome chrome = chrome(request);
    if (flashed != null) {
      chrome =
          new Chrome(
              chrome.where(),
              chrome.cluster(),
              flashed,
              chrome.activity(),
              chrome.base(),
              chrome.person());
    }
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("chrome", chrome);
    parameters.put("page", page);
    parameters.put("nextUngraded", next.map(p -> href(name, p)).orElse(null));
    parameters.put("regradesOneStudent", source.regradesOneStudent());
    return page(status, "submission", parameters);
  }

  private static String href(String module, Ungraded.Position position) {
    return Links.submission(module, position.student())
        + "#cell-"
        + position.notebook()
        + "-"
        + position.gradeId();
  }

  /** A person's grade of one cell, through the same code as {@code tito grades set}; refused ones keep the form. */
  private WebResponse grade(WebRequest request) {
    String module = request.segment(1);
    String student = request.segment(2);
    String notebook = request.parameter("notebook");
    String cell = request.parameter("cell");
    if (notebook == null || cell == null) {
      return problem(400, "That did not work", "the form names no cell", request);
    }
    String key = notebook + "/" + cell;
    String seen = request.parameter("seen");
    SubmissionPage.Form typed =
        new SubmissionPage.Form(
            value(request, "score"),
            value(request, "extra_credit"),
            value(request, "comment"),
            seen == null ? "" : seen,
            null,
            null);
    try {
      GradeRequest grade =
          new GradeRequest(
              student,
              notebook,
              cell,
              number("score", typed.score(), false),
              blank(typed.extraCredit()) ? null : number("extra credit", typed.extraCredit(), true),
              blank(typed.comment()) ? null : typed.comment());
      ManualGrading.Saved saved =
          source.grading().set(module, grade, asker(request), SubmissionPage.seen(seen));
      return WebResponse.seeOther(
          Links.submission(module, student)
              + "?flash="
              + flash.keep(savedMessage(module, student, key, saved))
              + "#cell-"
              + notebook
              + "-"
              + cell);
    } catch (ManualGrading.Conflict e) {
      String now = SubmissionPage.seen(e.current());
      SubmissionPage.Form kept =
          new SubmissionPage.Form(
              typed.score(),
              typed.extraCredit(),
              typed.comment(),
              now,
              null,
              "Someone else "
                  + e.getMessage()
                  + ". What you typed is below: save it to replace theirs.");
      return submission(request, Map.of(key, kept), 409, null);
    } catch (IllegalArgumentException e) {
      return notSaved(request, key, typed, e.getMessage());
    }
  }

  /** What the flash line says once a grade is saved: the grade, what it replaced, the module's new score. */
  private static String savedMessage(
      String module, String student, String key, ManualGrading.Saved saved) {
    return "Saved "
        + student
        + " "
        + key
        + ": "
        + saved.saved().describe()
        + (saved.previous() == null ? "" : " (it replaced " + saved.previous().describe() + ")")
        + "; "
        + module
        + " of "
        + student
        + " is now "
        + FeedbackPage.score(saved.score())
        + " / "
        + FeedbackPage.score(saved.maxScore())
        + (saved.pending() ? ", other cells still wait for a person" : "");
  }

  /** A grade refused: the form again with the reason and what was typed, or, with no submission, a page saying so. */
  private WebResponse notSaved(
      WebRequest request, String key, SubmissionPage.Form typed, String reason) {
    SubmissionPage.Form kept =
        new SubmissionPage.Form(
            typed.score(), typed.extraCredit(), typed.comment(), typed.seen(), reason, null);
    try {
      return submission(request, Map.of(key, kept), 422, null);
    } catch (IllegalArgumentException gone) {
      // the submission itself is gone (deleted, or grading again): say so, and show what was typed
      return problem(
          409,
          "Not saved",
          reason
              + ". What you typed: score "
              + typed.score()
              + (blank(typed.extraCredit()) ? "" : ", extra credit " + typed.extraCredit())
              + (blank(typed.comment()) ? "" : ", comment: " + typed.comment()),
          request);
    }
  }

  private static String value(WebRequest request, String name) {
    String value = request.parameter(name);
    return value == null ? "" : value;
  }

  private static boolean blank(String text) {
    return text == null || text.isBlank();
  }

  /** A number a person typed: IllegalArgumentException saying what is wrong with it. */
  static double number(String field, String text, boolean optional) {
    if (blank(text)) {
      if (optional) {
        return 0;
      }
      throw new IllegalArgumentException(field + " is missing: type the points to give");
    }
    try {
      double value = Double.parseDouble(text.trim().replace(',', '.'));
      if (!Double.isFinite(value)) {
        throw new NumberFormatException();
      }
      return value;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(field + " '" + text.trim() + "' is not a number");
    }
  }

  private WebResponse next(WebRequest request) {
    String name = request.segment(1);
    ModuleGrades module = module(name);
    String student = request.parameter("student");
    Optional<Ungraded.Position> next =
        Ungraded.next(
            module,
            student == null
                ? null
                : new Ungraded.Position(
                    student, value(request, "notebook"), value(request, "cell")));
    return next.map(p -> WebResponse.seeOther(href(name, p)))
        .orElseGet(
            () ->
                WebResponse.seeOther(
                    Links.module(name)
                        + "?flash="
                        + flash.keep("Nothing of " + name + " waits for a person.")));
  }

  private WebResponse feedback(WebRequest request) {
    Optional<String> page =
        source.feedback(request.segment(1), request.segment(2), request.segment(3));
    if (page.isEmpty()) {
      return problem(
          404,
          "No feedback page",
          "no feedback page of "
              + request.segment(1)
              + "/"
              + request.segment(3)
              + " for "
              + request.segment(2)
              + " yet",
          request);
    }
    // the page the student reads, as they read it: tito's own page (its own escaping, its inline
    // style), no script
    return new WebResponse(
        200,
        WebResponse.HTML,
        page.get().getBytes(StandardCharsets.UTF_8),
        Map.of(
            "Content-Security-Policy",
            "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'"));
  }

  private WebResponse live(WebRequest request) {
    Optional<LiveClass> live = source.live();
    if (live.isEmpty()) {
      return problem(
          404, "No live class", "the live class needs a cluster: tito console --cluster", request);
    }
    return page(
        200, "live", Map.of("chrome", chrome(request), "live", live.get(), "queue", queue()));
  }

  private List<Svg.Point> queue() {
    return source instanceof ClusterCourse cluster
        ? cluster.queue().points(clock.instant())
        : List.of();
  }

  /** The live panel alone, as the live page's event stream sends it; empty without a cluster. */
  public Optional<String> livePanel() {
    return source
        .live()
        .map(live -> Templates.render("live_panel", Map.of("live", live, "queue", queue())));
  }

  private WebResponse confirm(WebRequest request) {
    String action = request.segment(1);
    Map<String, String> fields = new LinkedHashMap<>();
    String question;
    String back;
    if ("regrade".equals(action)) {
      String module = required(request, "module");
      String student = request.parameter("student");
      fields.put("module", module);
      if (student != null) {
        fields.put("student", student);
      }
      question =
          student != null
              ? "Grade "
                  + student
                  + "'s submission of "
                  + module
                  + " again? Their result is "
                  + "replaced; a person's grades are kept where the answer is unchanged."
              : source.cluster()
                  ? "Grade every student's latest submission of "
                      + module
                      + " again (a new regrade round "
                      + "of the Assignment)? A person's grades are kept where the answer is unchanged."
                  : "Grade every submission of "
                      + module
                      + " again? Results are replaced; a person's grades are kept where "
                      + "the answer is unchanged.";
      back = student == null ? Links.module(module) : Links.submission(module, student);
    } else if ("start".equals(action)) {
      String classroom = required(request, "classroom");
      String student = required(request, "student");
      fields.put("classroom", classroom);
      fields.put("student", student);
      question =
          "Start "
              + student
              + "'s server in "
              + classroom
              + "? It stops again after its idle timeout.";
      back = "live";
    } else {
      return notFound(request);
    }
    String title = "regrade".equals(action) ? "Regrade" : "Start a server";
    return page(
        200,
        "confirm",
        Map.of(
            "chrome",
            chrome(request),
            "title",
            title,
            "question",
            question,
            "action",
            action,
            "fields",
            fields,
            "button",
            "regrade".equals(action) ? "Regrade" : "Start",
            "back",
            back));
  }

  private static String required(WebRequest request, String name) {
    String value = request.parameter(name);
    if (blank(value)) {
      throw new IllegalArgumentException("the request names no " + name);
    }
    return value;
  }

  private WebResponse regrade(WebRequest request) {
    String module = required(request, "module");
    String student = request.parameter("student");
    String said = source.regrade(module, student);
    // the cluster records only the console's own account on what it patches: the log says who asked
    LOG.info(() -> asker(request) + ": " + said);
    return WebResponse.seeOther(
        (student == null ? Links.module(module) : Links.submission(module, student))
            + "?flash="
            + flash.keep(said));
  }

  private WebResponse start(WebRequest request) {
    String said = source.start(required(request, "classroom"), required(request, "student"));
    LOG.info(() -> asker(request) + ": " + said);
    return WebResponse.seeOther("live?flash=" + flash.keep(said));
  }

  /** Who asks: the instructor the gateway vouched for, or the console's own user. */
  private String asker(WebRequest request) {
    return request.person() == null ? gradedBy : request.person();
  }

  private WebResponse exportPage(WebRequest request) {
    List<ModuleGrades> grades = source.grades();
    List<String> pending =
        grades.stream()
            .flatMap(
                m ->
                    m.results().stream()
                        .filter(GradingResult::needsManualGrade)
                        .map(
                            r ->
                                m.module() + " of " + r.student() + ": " + Students.pendingNote(r)))
            .toList();
    return page(
        200,
        "export",
        Map.of(
            "chrome",
            chrome(request),
            "pending",
            pending,
            "modules",
            grades.stream().map(ModuleGrades::module).toList()));
  }

  /** The export as a download: the command line's exporters, one file, or a zip of Gradescope's files. */
  private WebResponse export(WebRequest request) {
    ExportFormat format;
    try {
      format = ExportFormat.valueOf(required(request, "format"));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown export format '"
              + request.parameter("format")
              + "' (csv, canvas, moodle, gradescope)");
    }
    Map<String, String> files = format.files(source.grades());
    if (format != ExportFormat.gradescope) {
      return WebResponse.download(
          format.defaultName(),
          "text/csv; charset=utf-8",
          files.values().iterator().next().getBytes(StandardCharsets.UTF_8));
    }
    return WebResponse.download("gradescope.zip", "application/zip", zip(files));
  }

  private static byte[] zip(Map<String, String> files) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (Map.Entry<String, String> file : files.entrySet()) {
        zip.putNextEntry(new ZipEntry("gradescope/" + file.getKey()));
        zip.write(file.getValue().getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private WebResponse notFound(WebRequest request) {
    return problem(404, "Not found", "the console has no such page", request);
  }

  private WebResponse problem(int status, String title, String message, WebRequest request) {
    return page(
        status, "problem", Map.of("chrome", chrome(request), "title", title, "message", message));
  }

  private static WebResponse page(int status, String template, Map<String, Object> parameters) {
    return WebResponse.html(status, Templates.render(template, parameters));
  }
}
