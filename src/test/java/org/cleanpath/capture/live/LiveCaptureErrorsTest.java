package org.cleanpath.capture.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one-line errors an administrator sees when live capture cannot start. */
class LiveCaptureErrorsTest {
    @TempDir
    Path tmp;

    private static void assumeCanCapture() {
        assumeTrue(Shell.isRoot(), "opening an interface needs root or CAP_NET_RAW");
    }

    @Test
    void unknownInterface_namesTheInterfacesThatExist() {
        assumeCanCapture();
        LiveCaptureException e = assertThrows(LiveCaptureException.class,
                () -> LiveCapture.open(LiveOptions.builder("cpnosuch0").build()));

        assertTrue(e.getMessage().startsWith("no network interface 'cpnosuch0'; interfaces: "), e.getMessage());
        assertTrue(e.getMessage().contains("lo"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void filterWithASyntaxError_saysItDoesNotCompileAndWhy() {
        assumeCanCapture();
        LiveCaptureException e = assertThrows(LiveCaptureException.class,
                () -> LiveCapture.open(LiveOptions.builder("lo").filter("udp prt 53").build()));

        assertTrue(e.getMessage().startsWith("capture filter 'udp prt 53' does not compile: "), e.getMessage());
        assertTrue(e.getMessage().contains("syntax error"), e.getMessage());
    }

    @Test
    void filterWithABadValue_quotesPcapsReason() {
        assumeCanCapture();
        LiveCaptureException e = assertThrows(LiveCaptureException.class,
                () -> LiveCapture.open(LiveOptions.builder("lo").filter("udp port 99999").build()));

        assertTrue(e.getMessage().contains("illegal port number 99999 > 65535"), e.getMessage());
    }

    @Test
    void goodFilterOnLoopback_opensAndDescribes() throws Exception {
        assumeCanCapture();
        try (LiveCapture live = LiveCapture.open(LiveOptions.builder("lo").filter("tcp port 9").build())) {
            assertEquals("live lo (filter: tcp port 9)", live.describe());
            assertEquals(org.cleanpath.capture.LinkType.ETHERNET, live.linkType(), "Linux loopback reports Ethernet");
        }
    }

    @Test
    void missingLibpcap_saysWhichPackageToInstall() throws Exception {
        // a fresh JVM, since a failed library load cannot be undone in this one
        Shell.Result result = countMain(List.of("-Dorg.pcap4j.core.pcapLibName=/nonexistent/libpcap.so.0.8"),
                Optional.empty(), "-i", "lo");

        assertEquals(2, result.status(), result.output());
        assertTrue(result.output().contains("LiveCountMain: libpcap not found: install libpcap0.8 (Debian/Ubuntu) or"
                + " libpcap (Fedora, Alpine)"), result.output());
    }

    @Test
    void unprivilegedUser_isToldToRunAsRootOrGrantCapabilities() throws Exception {
        assumeTrue(Shell.isRoot() && Shell.onPath("setpriv"), "needs root to switch to an unprivileged user");
        Shell.Result result = countMain(List.of(), Optional.of("nobody"), "-i", "lo");

        assertEquals(2, result.status(), result.output());
        assertTrue(result.output().contains("LiveCountMain: no permission to capture on 'lo' ("), result.output());
        assertTrue(result.output().contains("run as root, or grant the capabilities: setcap cap_net_raw,cap_net_admin=eip"),
                result.output());
    }

    /** Runs LiveCountMain in a new JVM, optionally as another user (with a copy of the class path it can read). */
    private Shell.Result countMain(List<String> jvmOptions, Optional<String> user, String... args)
            throws IOException, InterruptedException {
        String classPath = System.getProperty("java.class.path");
        List<String> command = new ArrayList<>();
        if (user.isPresent()) {
            classPath = readableCopy(classPath);
            command.addAll(List.of("setpriv", "--reuid=" + user.get(), "--regid=nogroup", "--clear-groups"));
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx64m");
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classPath, LiveCountMain.class.getName()));
        command.addAll(List.of(args));
        return Shell.exec(command);
    }

    /** Copies the class path into a directory every user may read (the build's may sit in root's home directory). */
    private String readableCopy(String classPath) throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("cp"));
        List<String> entries = new ArrayList<>();
        int n = 0;
        for (String entry : classPath.split(File.pathSeparator)) {
            Path source = Path.of(entry);
            if (Files.isRegularFile(source)) {
                Path target = dir.resolve(n++ + "-" + source.getFileName());
                Files.copy(source, target);
                entries.add(target.toString());
            } else if (Files.isDirectory(source)) {
                Path target = dir.resolve(n++ + "-classes");
                try (var files = Files.walk(source)) {
                    for (Path p : (Iterable<Path>) files::iterator) {
                        Path to = target.resolve(source.relativize(p).toString());
                        if (Files.isDirectory(p)) {
                            Files.createDirectories(to);
                        } else {
                            Files.copy(p, to);
                        }
                    }
                }
                entries.add(target.toString());
            }
        }
        try (var files = Files.walk(tmp)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
        return String.join(File.pathSeparator, entries);
    }
}
