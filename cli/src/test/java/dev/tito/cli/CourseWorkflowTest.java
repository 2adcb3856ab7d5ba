package dev.tito.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The course pipeline that course repositories call runs tito commands that exist, with options that parse. */
class CourseWorkflowTest {
  private static final Path ROOT = Path.of("..");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Pattern TITO = Pattern.compile("tito\\.jar ([^\\n;]*)");

  @Test
  void everyTitoCommandOfThePipelineParses() throws IOException {
    List<String> commands = titoCommands(workflow(".github/workflows/course.yml"));

    assertThat(commands)
        .extracting(c -> c.split(" ")[0] + " " + c.split(" ")[1])
        .contains(
            "module validate",
            "module release",
            "module benchmark",
            "module grade",
            "grades export");
    for (String command : commands) {
      assertThatCode(() -> Tito.commandLine().parseArgs(words(command)))
          .as(command)
          .doesNotThrowAnyException();
    }
  }

  @Test
  void callersPassOnlyInputsThePipelineDeclares() throws IOException {
    JsonNode inputs =
        workflow(".github/workflows/course.yml").path("on").path("workflow_call").path("inputs");
    for (String caller :
        List.of(".github/workflows/sample-course.yml", "samples/github-actions/course.yml")) {
      JsonNode job = workflow(caller).path("jobs").elements().next();
      assertThat(job.path("uses").asText())
          .as(caller)
          .endsWith(".github/workflows/course.yml" + (caller.startsWith("samples") ? "@main" : ""));
      job.path("with")
          .fieldNames()
          .forEachRemaining(
              name -> assertThat(inputs.has(name)).as(caller + ": input " + name).isTrue());
    }
  }

  @Test
  void theMatrixCoversBothJavaAndPythonVersions() throws IOException {
    JsonNode matrix =
        workflow(".github/workflows/course.yml")
            .path("jobs")
            .path("course")
            .path("strategy")
            .path("matrix");
    assertThat(matrix.path("java").size()).isGreaterThanOrEqualTo(2);
    assertThat(matrix.path("python").size()).isGreaterThanOrEqualTo(2);
  }

  private static JsonNode workflow(String path) throws IOException {
    return YAML.readTree(ROOT.resolve(path).toFile());
  }

  /** The arguments after {@code tito.jar} in every step's script. */
  private static List<String> titoCommands(JsonNode workflow) {
    List<String> commands = new ArrayList<>();
    for (Iterator<JsonNode> jobs = workflow.path("jobs").elements(); jobs.hasNext(); ) {
      for (JsonNode step : jobs.next().path("steps")) {
        Matcher matcher = TITO.matcher(step.path("run").asText());
        while (matcher.find()) {
          commands.add(matcher.group(1).strip());
        }
      }
    }
    return commands;
  }

  /** Shell words, with GitHub expressions and shell variables standing for one word each. */
  private static String[] words(String command) {
    String plain = command.replaceAll("\\$\\{\\{[^}]*}}", "x").replaceAll("\\$\\w+", "x");
    List<String> words = new ArrayList<>();
    Matcher word = Pattern.compile("\"([^\"]*)\"|(\\S+)").matcher(plain);
    while (word.find()) {
      words.add(word.group(1) != null ? word.group(1) : word.group(2));
    }
    return words.toArray(String[]::new);
  }
}
