package org.cleanpath.attribute;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RangeMergeTest {
    private static RangeMerge.Range r(long start, long end, String value) {
        return new RangeMerge.Range(BigInteger.valueOf(start), BigInteger.valueOf(end), value);
    }

    @Test
    void flatten_letsLaterRowsOverrideWhatTheyOverlap() {
        List<RangeMerge.Range> flat = RangeMerge.flatten(List.of(
                r(0, 99, "DE"), r(15, 15, "BE"), r(16, 99, "DE"), r(40, 47, "TR"), r(90, 120, "NL"), r(200, 210, "US")));
        assertEquals(List.of(r(0, 14, "DE"), r(15, 15, "BE"), r(16, 39, "DE"), r(40, 47, "TR"), r(48, 89, "DE"),
                r(90, 120, "NL"), r(200, 210, "US")), flat);
    }

    @Test
    void merge_givesEachPieceTheValuesOfBothLists() {
        List<String> out = new ArrayList<>();
        RangeMerge.merge(List.of(r(0, 9, "A"), r(20, 29, "B")), List.of(r(5, 24, "x"), r(40, 41, "y")),
                (s, e, a, b) -> out.add(s + "-" + e + ":" + a + "/" + b));
        assertEquals(List.of("0-4:A/null", "5-9:A/x", "10-19:null/x", "20-24:B/x", "25-29:B/null", "40-41:null/y"), out);
    }
}
