package org.cleanpath.capture.live;

import java.io.IOException;

/** Live capture cannot start or failed; the message is one line an administrator can act on. */
public class LiveCaptureException extends IOException {
    private static final long serialVersionUID = 1L;

    public LiveCaptureException(String message) {
        super(message);
    }

    public LiveCaptureException(String message, Throwable cause) {
        super(message, cause);
    }
}
