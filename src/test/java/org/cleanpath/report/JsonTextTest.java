package org.cleanpath.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTextTest {
    @Test
    void escapedText_parsesBackToTheSameStrings() throws Exception {
        String[] values = {"plain", "Z\u00fcrich", "\u4e2d\u56fd\u7535\u4fe1", "quote \" backslash \\ tab \t",
                "line\nbreak\r", "sep \u2028 \u2029", "ctl \u0001\u001f", "emoji \ud83d\ude00", ""};
        StringBuilder sb = new StringBuilder();
        JsonText json = new JsonText(sb);
        for (int i = 0; i < values.length; i++) json.string("k" + i, values[i]);
        json.list("l", List.of("a\u4e00", 7L));
        json.end();
        String line = sb.toString();
        assertTrue(line.chars().allMatch(c -> c < 0x100), "nothing past Latin-1 is written raw: " + line);
        Map<?, ?> parsed = new ObjectMapper().readValue(line, Map.class);
        for (int i = 0; i < values.length; i++) assertEquals(values[i], parsed.get("k" + i), "value " + i);
        assertEquals(List.of("a\u4e00", 7), parsed.get("l"));
    }
}
