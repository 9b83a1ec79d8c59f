package org.cleanpath.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The JVM options the launcher and the benchmark read from {@code src/main/jvm.options}: the JVM
 * accepts them, and every method a compile command names exists (HotSpot ignores a command for a
 * method that was renamed away, so only this test notices).
 */
class JvmOptionsTest {
    private static final Path OPTIONS = Path.of("src/main/jvm.options");
    private static final Pattern METHOD_COMMAND = Pattern.compile("-XX:CompileCommand=\\w+,([\\w.$]+)::(\\w+)");

    static List<String> options() throws IOException {
        List<String> options = new ArrayList<>();
        for (String line : Files.readAllLines(OPTIONS, StandardCharsets.UTF_8)) {
            String t = line.strip();
            if (!t.isEmpty() && !t.startsWith("#")) {
                options.add(t);
            }
        }
        return options;
    }

    @Test
    void everyCompileCommandNamesAMethodThatExists() throws Exception {
        int commands = 0;
        for (String option : options()) {
            Matcher m = METHOD_COMMAND.matcher(option);
            if (!m.matches()) {
                continue;
            }
            commands++;
            Class<?> type = Class.forName(m.group(1));
            String name = m.group(2);
            assertTrue(Arrays.stream(type.getDeclaredMethods()).map(Method::getName).anyMatch(name::equals),
                    option + ": no method " + name + " in " + type.getName());
        }
        assertTrue(commands > 0, "the file names no method: " + options());
    }

    @Test
    void theJvmAcceptsTheOptionsAndPrintsNothingForThem() throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(options());
        command.add("-version");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out);
        // Only the version banner: compile commands stay quiet, so the tool's standard output stays its own.
        assertFalse(out.contains("CompileCommand"), out);
        assertTrue(out.contains("version"), out);
    }
}
