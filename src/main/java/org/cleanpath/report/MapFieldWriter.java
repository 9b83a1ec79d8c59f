package org.cleanpath.report;

import java.util.List;
import java.util.Map;

/** Collects fields into a map, for the CSV and table outputs that need them by column name. */
final class MapFieldWriter implements FieldWriter {
    private final Map<String, Object> map;

    MapFieldWriter(Map<String, Object> map) {
        this.map = map;
    }

    @Override
    public void string(String name, String value) {
        if (value != null) {
            map.put(name, value);
        }
    }

    @Override
    public void number(String name, long value) {
        map.put(name, value);
    }

    @Override
    public void seconds(String name, long nanos) {
        map.put(name, JsonText.secondsText(nanos));
    }

    @Override
    public void list(String name, List<?> values) {
        map.put(name, values);
    }
}
