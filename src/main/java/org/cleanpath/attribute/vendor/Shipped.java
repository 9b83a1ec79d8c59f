package org.cleanpath.attribute.vendor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Loads the tables shipped in the jar; they are part of the build, so a failure means a broken jar. */
final class Shipped {
    private Shipped() {}

    /** A table loader that reads a stream and names it {@code source} in errors. */
    interface Parser<T> {
        T parse(InputStream in, String source) throws IOException;
    }

    static <T> T load(Class<?> owner, String resource, Parser<T> parser) {
        InputStream in = owner.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("resource " + resource + " missing from the classpath next to " + owner.getName());
        }
        try {
            return parser.parse(in, resource);
        } catch (IOException e) {
            throw new UncheckedIOException("shipped table " + resource + " unreadable", e);
        }
    }
}
