package dev.tito.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Who is submitting, as the student's server knows it: the operator sets {@code TITO_STUDENT} and
 * {@code TITO_CLASSROOM}, and the projected service-account volume holds the namespace.
 */
record StudentPod(String student, String classroom, String namespace, Path home) {
  static final Path SERVICE_ACCOUNT = Path.of("/var/run/secrets/kubernetes.io/serviceaccount");

  static StudentPod from(Map<String, String> env, Path serviceAccount, Path home) {
    String student = required(env, "TITO_STUDENT");
    String classroom = required(env, "TITO_CLASSROOM");
    Path namespaceFile = serviceAccount.resolve("namespace");
    try {
      String namespace = Files.readString(namespaceFile, StandardCharsets.UTF_8).trim();
      if (namespace.isEmpty()) {
        throw new IllegalArgumentException(namespaceFile + " is empty");
      }
      return new StudentPod(student, classroom, namespace, home);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          namespaceFile
              + ": cannot read the namespace ("
              + e.getClass().getSimpleName()
              + "): tito submit runs inside your Jupyter server on the course's cluster");
    }
  }

  private static String required(Map<String, String> env, String name) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(
          name
              + " is not set: tito submit runs inside your Jupyter server on the course's cluster");
    }
    return value.trim();
  }

  /** Where an assignment's released files are: {@code ~/assignments/<assignment>/}. */
  Path assignments() {
    return home.resolve("assignments");
  }

  String resultsConfigMap() {
    return classroom + "-" + student + "-results";
  }
}
