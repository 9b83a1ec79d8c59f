package org.cleanpath.capture.live;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Test helper: runs a command and returns its output, or fails with it. */
final class Shell {
    /** Exit status and merged output of a finished command. */
    record Result(int status, String output) {}

    private Shell() {}

    static Result exec(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("timed out: " + command);
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    /** Runs {@code command}; fails if it exits with a status other than 0. */
    static String run(String... command) throws IOException, InterruptedException {
        Result result = exec(List.of(command));
        if (result.status() != 0) {
            throw new IOException(String.join(" ", command) + " exited " + result.status() + ": " + result.output());
        }
        return result.output();
    }

    /** Runs {@code command} and ignores any failure: for cleaning up. */
    static void quietly(String... command) {
        try {
            exec(List.of(command));
        } catch (IOException | InterruptedException e) {
            // cleaning up what may not exist
        }
    }

    static boolean isRoot() {
        try {
            return run("id", "-u").trim().equals("0");
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** True if {@code program} is an executable on the PATH. */
    static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
