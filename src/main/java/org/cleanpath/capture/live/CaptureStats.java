package org.cleanpath.capture.live;

/**
 * Counters of a frame source, as libpcap's {@code pcap_stats} reports them; {@link #UNKNOWN} (-1)
 * where the source cannot know.
 *
 * @param received frames the source saw (for live capture: {@code ps_recv}, the frames that passed
 *     the filter, including those dropped afterwards)
 * @param droppedByKernel frames the kernel dropped because the capture buffer was full ({@code ps_drop})
 * @param droppedByInterface frames the network interface or its driver dropped ({@code ps_ifdrop})
 */
public record CaptureStats(long received, long droppedByKernel, long droppedByInterface) {
    public static final long UNKNOWN = -1;

    /** Stats of a source that cannot drop frames, such as a file: only the received count is known. */
    public static CaptureStats received(long received) {
        return new CaptureStats(received, UNKNOWN, UNKNOWN);
    }
}
