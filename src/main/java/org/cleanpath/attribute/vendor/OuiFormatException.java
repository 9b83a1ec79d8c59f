package org.cleanpath.attribute.vendor;

import java.io.IOException;

/** A registry or mapping file that is not what it should be, with the place and what was expected. */
public final class OuiFormatException extends IOException {
    private final String source;
    private final int line;

    public OuiFormatException(String source, int line, String problem) {
        super(source + ":" + line + ": " + problem);
        this.source = source;
        this.line = line;
    }

    /** The file (or resource) as it was named to the loader. */
    public String source() {
        return source;
    }

    /** 1-based line number where the bad record starts. */
    public int line() {
        return line;
    }
}
