package org.cleanpath.attribute;

import java.io.IOException;
import java.nio.file.Path;

/** A database file that is missing, unreadable or damaged; the message names the file. */
public final class GeoDatabaseException extends IOException {
    private final transient Path file;

    public GeoDatabaseException(Path file, String reason, Throwable cause) {
        super(file + ": " + reason, cause);
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
