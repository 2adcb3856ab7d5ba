package dev.tito.api;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The CRDs as the build generated them from the Java classes (target/crds), read back as Fabric8 objects. */
final class GeneratedCrds {
  static final Path FOLDER = Path.of(System.getProperty("crds.generated", "target/crds"));
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private GeneratedCrds() {}

  /** The root schema of the one version of {@code <plural>.tito.dev}. */
  static JSONSchemaProps schema(String plural) {
    try (InputStream yaml =
        Files.newInputStream(FOLDER.resolve(plural + "." + TitoGroup.GROUP + "-v1.yml"))) {
      CustomResourceDefinition crd = SERIALIZATION.unmarshal(yaml, CustomResourceDefinition.class);
      return crd.getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The schema at a dotted path of properties below {@code from}; "[]" steps into an array's items. */
  static JSONSchemaProps at(JSONSchemaProps from, String path) {
    JSONSchemaProps schema = from;
    for (String step : path.split("\\.")) {
      schema = step.equals("[]") ? schema.getItems().getSchema() : schema.getProperties().get(step);
      if (schema == null) {
        throw new AssertionError("no schema at " + path + " (missing " + step + ")");
      }
    }
    return schema;
  }
}
