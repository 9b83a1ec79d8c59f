/**
 * Where frames come from: {@link org.cleanpath.capture.CaptureFiles#open(String)} reads pcap and
 * pcapng files (gzipped or not, or standard input) and hands out one {@link
 * org.cleanpath.capture.Frame} at a time, a view into a mapped or reused buffer.
 *
 * <p>Layout follows the data: {@code CaptureFiles} picks the format by magic number; {@code
 * PcapReader} and {@code PcapngReader} walk records over an {@code InputWindow}, which is a
 * memory-mapped file ({@code MappedWindow}) or a reusable heap buffer over a stream ({@code
 * StreamWindow}).
 */
package org.cleanpath.capture;
