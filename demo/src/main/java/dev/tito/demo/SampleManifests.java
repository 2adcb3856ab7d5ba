package dev.tito.demo;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.tito.api.assignment.Assignment;
import dev.tito.api.classroom.Classroom;
import dev.tito.api.submission.Submission;
import dev.tito.api.submission.SubmissionSpec;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The sample manifests: read strictly (a field tito's API does not know is an error naming the file), and built from
 * the sample course's folders as {@code kubectl create secret|configmap --from-file} would.
 */
public final class SampleManifests {
  private static final Map<String, Class<? extends HasMetadata>> TITO_KINDS =
      Map.of(
          "tito.dev/v1alpha1/Classroom",
          Classroom.class,
          "tito.dev/v1alpha1/Assignment",
          Assignment.class,
          "tito.dev/v1alpha1/Submission",
          Submission.class);
  private static final ObjectMapper YAML =
      new ObjectMapper(
          new YAMLFactory()
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
              .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER));
  private static final ObjectMapper STRICT =
      YAML.copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  private static final KubernetesSerialization KUBERNETES = new KubernetesSerialization();

  /** nbgrader's own record of when a folder was collected: not a file the student handed in. */
  private static final String NBGRADER_TIMESTAMP = "timestamp.txt";

  private SampleManifests() {}

  /**
   * Every object of a (multi-document) YAML file: tito's kinds as the API's classes, others as Fabric8's.
   *
   * @throws IllegalArgumentException naming the file and the document when one cannot be read
   */
  public static List<HasMetadata> read(Path file) throws IOException {
    List<HasMetadata> objects = new ArrayList<>();
    try (MappingIterator<JsonNode> documents =
        YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
      int number = 0;
      while (documents.hasNext()) {
        JsonNode document = documents.next();
        number++;
        if (document == null || document.isNull() || document.isEmpty()) {
          continue;
        }
        objects.add(object(document, file + " document " + number));
      }
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(file + ": " + e.getOriginalMessage());
    }
    return objects;
  }

  private static HasMetadata object(JsonNode document, String where) {
    String apiVersion = document.path("apiVersion").asText("");
    String kind = document.path("kind").asText("");
    if (apiVersion.isEmpty() || kind.isEmpty()) {
      throw new IllegalArgumentException(where + ": apiVersion and kind are required");
    }
    Class<? extends HasMetadata> titoKind = TITO_KINDS.get(apiVersion + "/" + kind);
    try {
      if (titoKind != null) {
        return STRICT.treeToValue(document, titoKind);
      }
      if (apiVersion.startsWith("tito.dev/")) {
        throw new IllegalArgumentException(
            where + ": tito.dev has no kind " + kind + " in " + apiVersion);
      }
      KubernetesResource resource = KUBERNETES.convertValue(document, KubernetesResource.class);
      if (!(resource instanceof HasMetadata object)) {
        throw new IllegalArgumentException(where + ": " + kind + " is not a Kubernetes object");
      }
      return object;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(where + " (" + kind + "): " + e.getOriginalMessage());
    }
  }

  /** A Secret holding every file of a folder, one key per file: the source of an Assignment. */
  public static Secret sourceSecret(String name, Path folder) throws IOException {
    SecretBuilder secret = new SecretBuilder().withNewMetadata().withName(name).endMetadata();
    for (Map.Entry<String, byte[]> file : files(folder).entrySet()) {
      String text = utf8(file.getValue());
      if (text != null) {
        secret.addToStringData(file.getKey(), text);
      } else {
        secret.addToData(file.getKey(), Base64.getEncoder().encodeToString(file.getValue()));
      }
    }
    return secret.build();
  }

  /** A student's hand-in: the ConfigMap of the folder's files and the Submission naming it. */
  public static List<HasMetadata> submission(String assignment, String student, Path folder)
      throws IOException {
    String name = assignment + "-" + student;
    ConfigMapBuilder files = new ConfigMapBuilder().withNewMetadata().withName(name).endMetadata();
    for (Map.Entry<String, byte[]> file : files(folder).entrySet()) {
      if (file.getKey().equals(NBGRADER_TIMESTAMP)) {
        continue;
      }
      String text = utf8(file.getValue());
      if (text != null) {
        files.addToData(file.getKey(), text);
      } else {
        files.addToBinaryData(file.getKey(), Base64.getEncoder().encodeToString(file.getValue()));
      }
    }
    ConfigMap configMap = files.build();
    Submission submission = new Submission();
    submission.getMetadata().setName(name);
    submission.setSpec(new SubmissionSpec());
    submission.getSpec().assignment = assignment;
    submission.getSpec().student = student;
    submission.getSpec().notebookConfigMap = name;
    return List.of(configMap, submission);
  }

  /** Objects as one multi-document YAML file, multi-line values as literal blocks. */
  public static String yaml(List<? extends HasMetadata> objects) throws IOException {
    StringBuilder text = new StringBuilder();
    for (HasMetadata object : objects) {
      if (!text.isEmpty()) {
        text.append("---\n");
      }
      JsonNode tree = KUBERNETES.convertValue(object, JsonNode.class);
      text.append(YAML.writeValueAsString(tree));
    }
    return text.toString();
  }

  private static Map<String, byte[]> files(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) {
      throw new IOException(folder + ": no such folder");
    }
    Map<String, byte[]> files = new TreeMap<>();
    try (Stream<Path> entries = Files.list(folder)) {
      for (Path file : entries.filter(Files::isRegularFile).toList()) {
        files.put(file.getFileName().toString(), Files.readAllBytes(file));
      }
    }
    return files;
  }

  private static String utf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
