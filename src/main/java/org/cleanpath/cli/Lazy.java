package org.cleanpath.cli;

import java.util.Objects;
import java.util.function.Supplier;

/** A value built on first use, once, by whichever thread asks first; later calls return it. */
final class Lazy<T> implements Supplier<T> {
    private final Supplier<T> factory;
    private volatile T value;

    Lazy(Supplier<T> factory) {
        this.factory = Objects.requireNonNull(factory);
    }

    @Override
    public T get() {
        T v = value;
        if (v != null) return v;
        synchronized (this) {
            if (value == null) value = Objects.requireNonNull(factory.get());
            return value;
        }
    }
}
