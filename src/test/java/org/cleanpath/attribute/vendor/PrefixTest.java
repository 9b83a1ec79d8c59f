package org.cleanpath.attribute.vendor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class PrefixTest {
    @Test
    void parse_readsTheManufFormsWithAnySeparators() {
        Prefix oui = Prefix.parse("00:18:82").orElseThrow();
        assertEquals(oui, Prefix.parse(" 00-18-82 ").orElseThrow());
        assertEquals(oui, Prefix.parse("001882").orElseThrow());
        assertEquals(oui, Prefix.parse("00:18-82").orElseThrow());
        assertEquals(Prefix.parse("B0:B3:53:60:00:00/28"), Prefix.parse("b0-b3-53-60-00-00/28"));
        assertEquals(28, Prefix.parse("B0B353600000/28").orElseThrow().bits());
        assertEquals(Optional.empty(), Prefix.parse("00:18:8"));
        assertEquals(Optional.empty(), Prefix.parse("00.18.82"));
        assertEquals(Optional.empty(), Prefix.parse("00:18:82/28"));
    }
}
