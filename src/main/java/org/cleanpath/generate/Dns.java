package org.cleanpath.generate;

import java.util.List;

/** DNS messages (RFC 1035): a recursive query and its answer with A, AAAA and CNAME records. */
final class Dns {
    static final int A = 1;
    static final int CNAME = 5;
    static final int AAAA = 28;
    static final int PORT = 53;

    /** One answer record; {@code data} is an address literal for A/AAAA and a name for CNAME. */
    record Answer(String name, int type, int ttl, String data) {
        static Answer cname(String name, int ttl, String target) {
            return new Answer(name, CNAME, ttl, target);
        }

        static Answer address(String name, int ttl, String literal) {
            return new Answer(name, Packets.address(literal).length == 4 ? A : AAAA, ttl, literal);
        }
    }

    private Dns() {}

    static byte[] query(int id, String name, int type) {
        ByteSink out = header(id, 0x0100, 0);
        question(out, name, type);
        return out.toByteArray();
    }

    /** The answer to {@link #query}: recursion available, NOERROR, the question echoed. */
    static byte[] response(int id, String name, int type, List<Answer> answers) {
        ByteSink out = header(id, 0x8180, answers.size());
        question(out, name, type);
        for (Answer answer : answers) {
            if (answer.name().equals(name)) {
                out.u16(0xc00c); // compression pointer to the question name at offset 12
            } else {
                name(out, answer.name());
            }
            out.u16(answer.type()).u16(1).u32(answer.ttl());
            int start = out.openU16();
            if (answer.type() == CNAME) {
                name(out, answer.data());
            } else {
                out.bytes(Packets.address(answer.data()));
            }
            out.closeU16(start);
        }
        return out.toByteArray();
    }

    private static ByteSink header(int id, int flags, int answers) {
        return new ByteSink().u16(id).u16(flags).u16(1).u16(answers).u16(0).u16(0);
    }

    private static void question(ByteSink out, String name, int type) {
        name(out, name);
        out.u16(type).u16(1);
    }

    private static void name(ByteSink out, String name) {
        for (String label : name.split("\\.")) {
            out.u8(label.length()).ascii(label);
        }
        out.u8(0);
    }
}
