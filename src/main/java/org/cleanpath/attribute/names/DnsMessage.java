package org.cleanpath.attribute.names;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.cleanpath.flow.IpText;

/**
 * One parsed DNS message: its questions and, for responses, the A, AAAA and CNAME answers.
 *
 * @param id the transaction id
 * @param response QR bit: only responses carry answers
 * @param rcode response code (0 NOERROR, 3 NXDOMAIN ...)
 * @param questions the question section, in order
 * @param answers A, AAAA and CNAME records of the answer section in order; other types are skipped
 * @param complete false when the message was cut short and the lists hold what came before the cut
 */
public record DnsMessage(int id, boolean response, int rcode, List<Question> questions, List<Answer> answers,
        boolean complete) {

    public static final int TYPE_A = 1;
    public static final int TYPE_CNAME = 5;
    public static final int TYPE_AAAA = 28;

    public DnsMessage {
        questions = List.copyOf(questions);
        answers = List.copyOf(answers);
    }

    /** One entry of the question section; names are lower case without the trailing dot. */
    public record Question(String name, int type) {}

    /** An answer record this analyzer uses. */
    public sealed interface Answer permits AddressAnswer, CnameAnswer {
        /** Owner name of the record. */
        String name();

        /** Time to live in seconds. */
        long ttl();
    }

    /** An A or AAAA record; the address as two longs, IPv4 as IPv4-mapped IPv6 (see {@code IpLayer}). */
    public record AddressAnswer(String name, long ttl, long hi, long lo) implements Answer {
        public boolean isV4() {
            return IpText.isV4(hi, lo);
        }

        /** The address as text, dotted quad for IPv4. */
        public String address() {
            return IpText.format(hi, lo);
        }
    }

    /** A CNAME record: {@code name} is an alias of {@code canonical}. */
    public record CnameAnswer(String name, long ttl, String canonical) implements Answer {}

    /** Name of the first question, the name a client asked for. */
    public Optional<String> queryName() {
        return questions.isEmpty() ? Optional.empty() : Optional.of(questions.get(0).name());
    }

    /** The address answers of this message. */
    public List<AddressAnswer> addresses() {
        List<AddressAnswer> out = new ArrayList<>();
        for (Answer a : answers) {
            if (a instanceof AddressAnswer aa) {
                out.add(aa);
            }
        }
        return out;
    }

    /**
     * The names that lead to {@code answer}: the queried name first, then each alias of the CNAME
     * chain, ending with the owner of the address record. Names appear once even if the chain loops.
     */
    public List<String> chainTo(AddressAnswer answer) {
        List<String> reversed = new ArrayList<>();
        String name = answer.name();
        reversed.add(name);
        boolean extended = true;
        while (extended && reversed.size() <= answers.size()) {
            extended = false;
            for (Answer a : answers) {
                if (a instanceof CnameAnswer c && c.canonical().equals(name) && !reversed.contains(c.name())) {
                    name = c.name();
                    reversed.add(name);
                    extended = true;
                    break;
                }
            }
        }
        List<String> chain = new ArrayList<>(reversed.size());
        for (int i = reversed.size() - 1; i >= 0; i--) {
            chain.add(reversed.get(i));
        }
        return chain;
    }
}
