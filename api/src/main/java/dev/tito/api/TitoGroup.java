package dev.tito.api;

/** The API group and version every tito custom resource is served under. */
public final class TitoGroup {
  public static final String GROUP = "tito.dev";
  public static final String VERSION = "v1alpha1";

  private TitoGroup() {}
}
