package org.cleanpath.report;

import java.util.List;

/**
 * Receives a record's fields in order; each output format implements it once. Absent values are
 * simply not written, so writers never see nulls.
 */
public interface FieldWriter {
    void string(String name, String value);

    void number(String name, long value);

    /** A time or duration in nanoseconds, written as seconds with microsecond precision (Zeek style). */
    void seconds(String name, long nanos);

    void list(String name, List<?> values);
}
