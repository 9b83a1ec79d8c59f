package org.cleanpath.capture;

import java.io.IOException;

/** TEMPORARY STUB until the capture branch lands. */
public final class CaptureFiles {
    private CaptureFiles() {}

    public static CaptureReader open(String source) throws IOException {
        throw new CaptureException(source, 0, "reader not yet merged");
    }
}
