package org.cleanpath.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTextTest {
    @Test
    void escapedText_parsesBackToTheSameStrings() throws Exception {
        String[] values = {"plain", "Z\u00fcrich", "\u4e2d\u56fd\u7535\u4fe1", "quote \" backslash \\ tab \t",
                "line\nbreak\r", "sep \u2028 \u2029", "ctl \u0001\u001f", "emoji \ud83d\ude00", ""};
        String line = JsonText.line(json -> {
            for (int i = 0; i < values.length; i++) json.string("k" + i, values[i]);
            json.list("l", List.of("a\u4e00", 7L));
        });
        assertTrue(line.endsWith("}\n"), line);
        assertTrue(line.chars().allMatch(c -> c < 0x100), "nothing past Latin-1 is written raw: " + line);
        Map<?, ?> parsed = new ObjectMapper().readValue(line, Map.class);
        for (int i = 0; i < values.length; i++) assertEquals(values[i], parsed.get("k" + i), "value " + i);
        assertEquals(List.of("a\u4e00", 7), parsed.get("l"));
    }

    @Test
    void numbersAndSeconds_readBackExactly() throws Exception {
        long[] numbers = {0, 7, -7, 10, 99, 100, 4134, Integer.MAX_VALUE, -1_000_000, Long.MAX_VALUE, Long.MIN_VALUE};
        long[] nanos = {0, 999, 1000, 1_717_200_000_047_271_000L, -1, -1500, 5_000_000, 123_456_789_012L};
        String line = JsonText.line(json -> {
            for (int i = 0; i < numbers.length; i++) json.number("n" + i, numbers[i]);
            for (int i = 0; i < nanos.length; i++) json.seconds("s" + i, nanos[i]);
        });
        Map<?, ?> parsed = new ObjectMapper().readValue(line, Map.class);
        for (int i = 0; i < numbers.length; i++) {
            assertEquals(Long.toString(numbers[i]), parsed.get("n" + i).toString(), "number " + i);
        }
        for (int i = 0; i < nanos.length; i++) {
            BigDecimal expected = BigDecimal.valueOf(Math.floorDiv(nanos[i], 1000L), 6);
            assertEquals(expected.toPlainString(), JsonText.secondsText(nanos[i]), "seconds " + i);
            assertTrue(line.contains("\"s" + i + "\":" + expected.toPlainString() + (i == nanos.length - 1 ? "}" : ",")),
                    line);
        }
    }

    @Test
    void aLongLine_growsTheBufferWithoutLosingText() throws Exception {
        String big = "x".repeat(5000) + "\"" + "y".repeat(3000);
        String line = JsonText.line(json -> json.string("big", big));
        assertEquals(big, new ObjectMapper().readValue(line, Map.class).get("big"));
        assertEquals("{\"a\":1}\n", JsonText.line(json -> json.number("a", 1)), "the reused buffer starts empty");
    }
}
