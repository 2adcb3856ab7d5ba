package dev.tito.demo;

import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import java.util.function.Consumer;

/**
 * An informer's events as two actions, as the kubelets react to them: an object added or changed (its latest
 * version), an object deleted.
 */
record OnChange<T>(Consumer<T> changed, Consumer<T> deleted) implements ResourceEventHandler<T> {
  @Override
  public void onAdd(T object) {
    changed.accept(object);
  }

  @Override
  public void onUpdate(T before, T object) {
    changed.accept(object);
  }

  @Override
  public void onDelete(T object, boolean unknownFinalState) {
    deleted.accept(object);
  }
}
