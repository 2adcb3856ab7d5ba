/** The custom resources of group {@code tito.dev}, version {@code v1alpha1}; the build generates their CRDs. */
package dev.tito.api;
