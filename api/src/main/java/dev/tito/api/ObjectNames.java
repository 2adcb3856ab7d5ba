package dev.tito.api;

/** What the names the operator builds from a resource's name must be; the CRDs refuse names that cannot form them. */
public final class ObjectNames {
  /** A Service's name (DNS-1035 label): lower-case letters, digits and '-', starting with a letter. */
  public static final String DNS_1035_LABEL = "^[a-z]([-a-z0-9]*[a-z0-9])?$";

  /** A label value's length limit. */
  public static final int MAX_LABEL_VALUE = 63;

  /** A StatefulSet's name plus "-" and a 10-character revision hash must fit a label value. */
  public static final int MAX_STATEFUL_SET_NAME = 52;

  private ObjectNames() {}
}
