package org.cleanpath.flow;

/**
 * Keys ICMP as Zeek does: the type is the originator "port"; the responder "port" is the
 * counterpart type for request/reply pairs (so an echo request and its reply share one flow) and
 * the code for one-way messages.
 */
final class IcmpKeys {
    private IcmpKeys() {}

    static int responderPort(int protocol, int type, int code) {
        int counterpart = protocol == 58 ? icmp6Counterpart(type) : icmp4Counterpart(type);
        return counterpart >= 0 ? counterpart : code;
    }

    private static int icmp4Counterpart(int type) {
        return switch (type) {
            case 8 -> 0; // echo request / reply
            case 0 -> 8;
            case 13 -> 14; // timestamp
            case 14 -> 13;
            case 15 -> 16; // information
            case 16 -> 15;
            case 17 -> 18; // address mask
            case 18 -> 17;
            case 10 -> 9; // router solicitation / advertisement
            case 9 -> 10;
            default -> -1;
        };
    }

    private static int icmp6Counterpart(int type) {
        return switch (type) {
            case 128 -> 129; // echo request / reply
            case 129 -> 128;
            case 133 -> 134; // router solicitation / advertisement
            case 134 -> 133;
            case 135 -> 136; // neighbor solicitation / advertisement
            case 136 -> 135;
            case 139 -> 140; // node information query / response
            case 140 -> 139;
            default -> -1;
        };
    }
}
