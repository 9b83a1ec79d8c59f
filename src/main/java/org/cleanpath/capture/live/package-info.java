/**
 * Live frame sources for {@code cleanpath monitor}: each pushes {@link org.cleanpath.capture.Frame}s
 * to a {@link org.cleanpath.capture.live.FrameHandler} until stopped.
 *
 * <p>{@link org.cleanpath.capture.live.LiveCapture} reads a network interface through libpcap
 * (pcap4j); {@link org.cleanpath.capture.live.ReplaySource} plays a capture file at its own pace
 * (or faster); {@link org.cleanpath.capture.live.WatchSource} follows a directory of rotated
 * capture files as tcpdump writes them. All share {@link org.cleanpath.capture.live.FrameSource}.
 */
package org.cleanpath.capture.live;
