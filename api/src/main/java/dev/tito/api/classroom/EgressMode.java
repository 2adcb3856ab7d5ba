package dev.tito.api.classroom;

/** Which traffic student servers may send. */
public enum EgressMode {
  All,
  DNSOnly,
  None
}
