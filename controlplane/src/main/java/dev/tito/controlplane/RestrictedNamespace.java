package dev.tito.controlplane;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** A namespace as a platform team gives a course: pod security {@code restricted} enforced, ready to admit pods. */
public final class RestrictedNamespace {
  /** The label the PodSecurity admission plugin reads. */
  public static final String ENFORCE = "pod-security.kubernetes.io/enforce";

  private static final Duration ACCOUNT_WAIT = Duration.ofSeconds(30);

  private RestrictedNamespace() {}

  /** Creates the namespace and waits until it can admit pods; returns its name. */
  public static String create(KubernetesClient admin, String name) {
    String created =
        admin
            .resource(
                new NamespaceBuilder()
                    .withNewMetadata()
                    .withName(name)
                    .addToLabels(ENFORCE, "restricted")
                    .endMetadata()
                    .build())
            .create()
            .getMetadata()
            .getName();
    // pods are admitted only once the service-account controller gave the namespace its default
    // account
    admin
        .serviceAccounts()
        .inNamespace(created)
        .withName("default")
        .waitUntilCondition(account -> account != null, ACCOUNT_WAIT.toSeconds(), TimeUnit.SECONDS);
    return created;
  }
}
