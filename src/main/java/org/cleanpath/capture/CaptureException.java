package org.cleanpath.capture;

import java.io.IOException;

/** The input is not a capture we can read, or it is damaged at a known offset. */
public class CaptureException extends IOException {
    private static final long serialVersionUID = 1L;
    private final String source;
    private final long offset;

    public CaptureException(String source, long offset, String problem) {
        super(source + ": at byte offset " + offset + ": " + problem);
        this.source = source;
        this.offset = offset;
    }

    public String source() {
        return source;
    }

    public long offset() {
        return offset;
    }
}
