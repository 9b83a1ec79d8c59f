package org.cleanpath.attribute.names;

import static org.cleanpath.attribute.names.Bounds.u16;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.cleanpath.attribute.names.DnsMessage.AddressAnswer;
import org.cleanpath.attribute.names.DnsMessage.Answer;
import org.cleanpath.attribute.names.DnsMessage.CnameAnswer;
import org.cleanpath.attribute.names.DnsMessage.Question;

/**
 * Parses DNS messages (RFC 1035) from UDP payloads or TCP streams into {@link DnsMessage}s.
 *
 * <p>Never throws on garbage: a buffer too short for the header gives {@link Optional#empty()}, a
 * message cut in a record gives what was read before the cut ({@link DnsMessage#complete()} false).
 * Compressed names follow at most {@link #MAX_POINTERS} pointers, so pointer loops end.
 */
public final class DnsMessages {
    /** Pointers followed in one name before it is declared broken (a loop or garbage). */
    static final int MAX_POINTERS = 32;
    /** Longest name in presentation form (RFC 1035: 255 octets on the wire). */
    static final int MAX_NAME = 255;
    private static final int HEADER = 12;
    /** A compression pointer to offset 12, the first question's name: {@code 0xC0 0x0C}. */
    private static final byte FIRST_NAME_POINTER_HI = (byte) 0xC0;
    private static final byte FIRST_NAME_POINTER_LO = (byte) HEADER;

    private DnsMessages() {}

    /** Parses {@code bytes} as one DNS message (a UDP payload). */
    public static Optional<DnsMessage> parse(byte[] bytes) {
        return parse(ByteBuffer.wrap(bytes), 0, bytes.length);
    }

    /** Parses the {@code length} bytes at {@code offset} of {@code buf} (absolute gets only) as one DNS message. */
    public static Optional<DnsMessage> parse(ByteBuffer buf, int offset, int length) {
        int end = Bounds.end(buf, offset, length);
        if (end < 0 || end - offset < HEADER) {
            return Optional.empty();
        }
        int id = u16(buf, offset);
        int flags = u16(buf, offset + 2);
        boolean response = (flags & 0x8000) != 0;
        int qdcount = u16(buf, offset + 4);
        int ancount = u16(buf, offset + 6);
        List<Question> questions = new ArrayList<>(Math.min(qdcount, 4));
        List<Answer> answers = new ArrayList<>();
        int[] pos = {offset + HEADER};
        boolean complete = true;
        for (int i = 0; i < qdcount && complete; i++) {
            String name = readName(buf, offset, end, end, pos);
            if (name == null || pos[0] + 4 > end) {
                complete = false;
                break;
            }
            questions.add(new Question(name, u16(buf, pos[0])));
            pos[0] += 4;
        }
        // The name of the first question, read at the message's first name offset: most answers
        // name their owner by a pointer to it, and then share the question's string.
        String firstQuestion = questions.isEmpty() ? null : questions.get(0).name();
        for (int i = 0; response && i < ancount && complete; i++) {
            String name;
            if (firstQuestion != null && pos[0] + 1 < end && buf.get(pos[0]) == FIRST_NAME_POINTER_HI
                    && buf.get(pos[0] + 1) == FIRST_NAME_POINTER_LO) {
                name = firstQuestion;
                pos[0] += 2;
            } else {
                name = readName(buf, offset, end, end, pos);
            }
            if (name == null || pos[0] + 10 > end) {
                complete = false;
                break;
            }
            int type = u16(buf, pos[0]);
            int klass = u16(buf, pos[0] + 2);
            long ttl = buf.getInt(pos[0] + 4) & 0xffff_ffffL;
            int rdlength = u16(buf, pos[0] + 8);
            int rdata = pos[0] + 10;
            if (rdata + rdlength > end) {
                complete = false;
                break;
            }
            pos[0] = rdata + rdlength;
            if ((klass & 0x7fff) != 1) { // mDNS sets the top bit (cache flush)
                continue;
            }
            if (type == DnsMessage.TYPE_A && rdlength == 4) {
                answers.add(new AddressAnswer(name, ttl, 0, 0x0000_ffff_0000_0000L | (buf.getInt(rdata) & 0xffff_ffffL)));
            } else if (type == DnsMessage.TYPE_AAAA && rdlength == 16) {
                answers.add(new AddressAnswer(name, ttl, buf.getLong(rdata), buf.getLong(rdata + 8)));
            } else if (type == DnsMessage.TYPE_CNAME) {
                int[] at = {rdata};
                String canonical = readName(buf, offset, end, rdata + rdlength, at);
                if (canonical != null) {
                    answers.add(new CnameAnswer(name, ttl, canonical));
                }
            }
        }
        return Optional.of(new DnsMessage(id, response, flags & 0xf, questions, answers, complete));
    }

    /**
     * Parses the first message of a DNS-over-TCP stream (RFC 1035 4.2.2: a two-byte length, then the
     * message). Empty when the bytes hold less than the length announces.
     */
    public static Optional<DnsMessage> parseTcp(ByteBuffer buf, int offset, int length) {
        int end = Bounds.end(buf, offset, length);
        if (end < 0 || length < 2) {
            return Optional.empty();
        }
        int size = u16(buf, offset);
        if (size > length - 2) {
            return Optional.empty();
        }
        return parse(buf, offset + 2, size);
    }

    /**
     * Reads the name at {@code pos[0]}, advancing {@code pos[0]} past it; null for a broken name,
     * "" for the root. The message spans {@code msg} to {@code msgEnd}; the name's own bytes end by
     * {@code fieldEnd}, the names its compression pointers lead to by {@code msgEnd}.
     */
    static String readName(ByteBuffer buf, int msg, int msgEnd, int fieldEnd, int[] pos) {
        StringBuilder sb = new StringBuilder(32);
        int p = pos[0];
        int after = -1;
        int jumps = 0;
        int limit = fieldEnd;
        while (true) {
            if (p >= limit) {
                return null;
            }
            int len = buf.get(p) & 0xff;
            if (len == 0) {
                p++;
                break;
            }
            if ((len & 0xc0) == 0xc0) {
                if (p + 1 >= limit || ++jumps > MAX_POINTERS) {
                    return null;
                }
                int target = msg + (((len & 0x3f) << 8) | (buf.get(p + 1) & 0xff));
                if (after < 0) {
                    after = p + 2;
                }
                limit = msgEnd;
                p = target;
                continue;
            }
            if ((len & 0xc0) != 0 || p + 1 + len > limit) {
                return null;
            }
            if (sb.length() > 0) {
                sb.append('.');
            }
            for (int i = p + 1; i <= p + len; i++) {
                appendLabelByte(sb, buf.get(i) & 0xff);
            }
            if (sb.length() > MAX_NAME * 4) {
                return null;
            }
            p += 1 + len;
        }
        pos[0] = after >= 0 ? after : p;
        return sb.toString();
    }

    /** Lower-cases letters and writes bytes that have no place in a host name as {@code \DDD}, as dig does. */
    private static void appendLabelByte(StringBuilder sb, int b) {
        if (b >= 'A' && b <= 'Z') {
            sb.append((char) (b + 32));
        } else if (b > 0x20 && b < 0x7f && b != '.' && b != '\\') {
            sb.append((char) b);
        } else {
            sb.append('\\').append((char) ('0' + b / 100)).append((char) ('0' + b / 10 % 10)).append((char) ('0' + b % 10));
        }
    }

}
