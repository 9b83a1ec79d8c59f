package org.cleanpath.attribute.vendor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class MacTest {

    @Test
    void parse_acceptsTheUsualNotations() {
        long m = 0x0018ba98688fL;
        assertEquals(Optional.of(m), Mac.parse("00:18:ba:98:68:8f"));
        assertEquals(Optional.of(m), Mac.parse("00-18-BA-98-68-8F"));
        assertEquals(Optional.of(m), Mac.parse("0018.ba98.688f"));
        assertEquals(Optional.of(m), Mac.parse("0018ba98688f"));
        assertEquals(Optional.empty(), Mac.parse("00:18:ba:98:68"));
        assertEquals(Optional.empty(), Mac.parse("00:18:ba:98:68:8g"));
    }

    @Test
    void format_writesLowerCaseColons() {
        assertEquals("00:18:ba:98:68:8f", Mac.format(0x0018ba98688fL));
        assertEquals("ff:ff:ff:ff:ff:ff", Mac.format(0xffffffffffffL));
    }

    @Test
    void flagBits_areReadFromTheFirstOctet() {
        assertTrue(Mac.isGroup(0x01000cccccccL));
        assertFalse(Mac.isGroup(0x0018ba98688fL));
        assertTrue(Mac.isLocallyAdministered(0xaabbcc000100L));
        assertFalse(Mac.isLocallyAdministered(0x0018ba98688fL));
    }

    @Test
    void prefix_roundTripsTheManufForm() {
        for (String text : new String[] {"00:18:BA", "B0:B3:53:60:00:00/28", "70:B3:D5:0A:E0:00/36"}) {
            assertEquals(text, Prefix.parse(text).orElseThrow().toString());
        }
        Prefix p = Prefix.parse("70:b3:d5:0a:e0:00/36").orElseThrow();
        assertEquals(0x70b3d50ae000L, p.first());
        assertEquals(0x70b3d50aefffL, p.last());
        assertEquals(Optional.empty(), Prefix.parse("70:B3:D5:0A:E1:00/36"), "host bits set");
        assertEquals(Optional.empty(), Prefix.parse("70:B3:D5:0A"));
    }
}
