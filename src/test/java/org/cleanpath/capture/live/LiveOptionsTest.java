package org.cleanpath.capture.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LiveOptionsTest {
    @Test
    void builder_defaultsToWhatTcpdumpDoesWithALargerBuffer() {
        LiveOptions options = LiveOptions.builder("eth0").build();

        assertEquals(new LiveOptions("eth0", 262144, true, 64 << 20, false, Duration.ofMillis(100), Optional.empty()),
                options);
    }

    @Test
    void builder_setsEveryOption() {
        LiveOptions options = LiveOptions.builder("any").snaplen(128).promiscuous(false).bufferSize(0)
                .immediate(true).readTimeout(Duration.ofMillis(5)).filter("udp port 2152").build();

        assertEquals(new LiveOptions("any", 128, false, 0, true, Duration.ofMillis(5), Optional.of("udp port 2152")),
                options);
    }

    @Test
    void blankFilter_meansNoFilter() {
        assertEquals(Optional.empty(), LiveOptions.builder("eth0").filter("  ").build().filter());
    }

    @Test
    void impossibleValues_areRefused() {
        assertThrows(IllegalArgumentException.class, () -> LiveOptions.builder(" ").build());
        assertThrows(IllegalArgumentException.class, () -> LiveOptions.builder("eth0").snaplen(0).build());
        assertThrows(IllegalArgumentException.class, () -> LiveOptions.builder("eth0").bufferSize(-1).build());
        assertThrows(IllegalArgumentException.class,
                () -> LiveOptions.builder("eth0").readTimeout(Duration.ofMillis(-1)).build());
    }
}
