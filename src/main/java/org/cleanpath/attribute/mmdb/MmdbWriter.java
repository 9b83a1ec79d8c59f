package org.cleanpath.attribute.mmdb;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes MaxMind DB (format 2.0) files: an IPv6 search tree with the IPv4 space at ::/96, the
 * data section with each distinct record stored once, and the metadata map.
 *
 * <p>Networks are inserted as CIDRs or inclusive ranges; a later insert replaces what it covers.
 * At {@link #write} the tree is compacted (a node whose two halves hold the same record becomes
 * that record), IPv4 is made reachable from ::ffff:0:0/96 and, by default, 2002::/16 (6to4) as
 * MaxMind's own databases do, and the record size (24, 28 or 32 bits) is the smallest that fits.
 * Not thread-safe; one writer builds one file.
 */
public final class MmdbWriter {
    private static final BigInteger MAX_V6 = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);
    private static final byte[] METADATA_MARKER = {(byte) 0xAB, (byte) 0xCD, (byte) 0xEF,
            'M', 'a', 'x', 'M', 'i', 'n', 'd', '.', 'c', 'o', 'm'};

    /** Record value for an empty record; nodes are > 0 (the root, 0, is never a child); data is < 0. */
    private static final int EMPTY = 0;

    private final String databaseType;
    private final List<String> languages;
    private final Map<String, String> description;
    private final boolean aliasIpv4;
    private final long buildEpoch;
    private final int pinnedRecordSize;

    // The tree: children[2n] and children[2n + 1] are node n's left and right records.
    private int[] children = new int[1 << 16];
    private int nodes = 1;
    private final List<Object> records = new ArrayList<>();
    private final Map<Object, Integer> recordIds = new LinkedHashMap<>();
    private long insertedNetworks;

    private MmdbWriter(Builder b) {
        this.databaseType = b.databaseType;
        this.languages = List.copyOf(b.languages);
        this.description = Map.copyOf(b.description);
        this.aliasIpv4 = b.aliasIpv4;
        this.buildEpoch = b.buildEpoch;
        this.pinnedRecordSize = b.recordSize;
    }

    public static Builder builder(String databaseType) {
        return new Builder(databaseType);
    }

    /** Options for one database file. */
    public static final class Builder {
        private final String databaseType;
        private List<String> languages = List.of("en");
        private Map<String, String> description = Map.of();
        private boolean aliasIpv4 = true;
        private long buildEpoch = Instant.now().getEpochSecond();
        private int recordSize;

        private Builder(String databaseType) {
            this.databaseType = Objects.requireNonNull(databaseType);
        }

        public Builder languages(List<String> languages) {
            this.languages = languages;
            return this;
        }

        public Builder description(Map<String, String> description) {
            this.description = description;
            return this;
        }

        /** Whether ::ffff:0:0/96 and 2002::/16 lead to the IPv4 tree (default true). */
        public Builder aliasIpv4(boolean aliasIpv4) {
            this.aliasIpv4 = aliasIpv4;
            return this;
        }

        public Builder buildEpoch(long buildEpoch) {
            this.buildEpoch = buildEpoch;
            return this;
        }

        /** Pins the record size (24, 28 or 32 bits); by default the smallest that fits is chosen. */
        public Builder recordSize(int recordSize) {
            if (recordSize != 24 && recordSize != 28 && recordSize != 32) throw new IllegalArgumentException("record size " + recordSize);
            this.recordSize = recordSize;
            return this;
        }

        public MmdbWriter build() {
            return new MmdbWriter(this);
        }
    }

    /**
     * True when an IPv6 network lies in a part of the tree that {@link #write} turns into an alias of
     * the IPv4 space (::ffff:0:0/96, 2002::/16); data inserted there would be unreachable.
     */
    public boolean isAliased(BigInteger start, BigInteger end) {
        if (!aliasIpv4) return false;
        return overlaps(start, end, BigInteger.valueOf(0xFFFFL).shiftLeft(32), 96)
                || overlaps(start, end, BigInteger.valueOf(0x2002L).shiftLeft(112), 16);
    }

    private static boolean overlaps(BigInteger start, BigInteger end, BigInteger net, int prefix) {
        BigInteger netEnd = net.add(BigInteger.ONE.shiftLeft(128 - prefix)).subtract(BigInteger.ONE);
        return start.compareTo(netEnd) <= 0 && end.compareTo(net) >= 0;
    }

    /** Inserts an inclusive IPv4 range (addresses as unsigned 32-bit values). */
    public void insertIpv4Range(long start, long end, Object record) {
        if (start < 0 || end > 0xFFFF_FFFFL || start > end) throw new IllegalArgumentException("bad IPv4 range " + start + ".." + end);
        insertRange(BigInteger.valueOf(start), BigInteger.valueOf(end), record, 32, 96);
    }

    /** Inserts an inclusive IPv6 range (addresses as unsigned 128-bit values). */
    public void insertIpv6Range(BigInteger start, BigInteger end, Object record) {
        if (start.signum() < 0 || end.compareTo(MAX_V6) > 0 || start.compareTo(end) > 0) {
            throw new IllegalArgumentException("bad IPv6 range " + start + ".." + end);
        }
        if (isAliased(start, end)) throw new IllegalArgumentException("range overlaps an IPv4 alias: " + start + ".." + end);
        insertRange(start, end, record, 128, 0);
    }

    /** Splits [start, end] of a {@code bits}-wide space into CIDRs, each placed {@code depthOffset} bits down. */
    private void insertRange(BigInteger start, BigInteger end, Object record, int bits, int depthOffset) {
        int id = recordId(record);
        BigInteger next = start;
        while (next.compareTo(end) <= 0) {
            // The largest block aligned at next that does not pass end.
            int aligned = next.signum() == 0 ? bits : Math.min(bits, next.getLowestSetBit());
            int size = Math.min(aligned, end.subtract(next).add(BigInteger.ONE).bitLength() - 1);
            BigInteger full = next.shiftLeft(128 - bits - depthOffset);
            insert(full.shiftRight(64).longValue(), full.longValue(), depthOffset + bits - size, id);
            next = next.add(BigInteger.ONE.shiftLeft(size));
        }
    }

    /** Inserts one CIDR given as the 128-bit address (hi, lo) and its prefix length. */
    public void insertNetwork(long hi, long lo, int prefixLength, Object record) {
        if (prefixLength < 1 || prefixLength > 128) throw new IllegalArgumentException("prefix length " + prefixLength);
        insert(hi, lo, prefixLength, recordId(record));
    }

    private int recordId(Object record) {
        Objects.requireNonNull(record, "record");
        return recordIds.computeIfAbsent(record, r -> {
            records.add(r);
            return records.size() - 1;
        });
    }

    private static int dataRef(int recordId) {
        return -(recordId + 1);
    }

    private static int bit(long hi, long lo, int depth) {
        return (int) (depth < 64 ? hi >>> (63 - depth) : lo >>> (127 - depth)) & 1;
    }

    private void insert(long hi, long lo, int prefixLength, int recordId) {
        int node = 0;
        for (int depth = 0; depth < prefixLength - 1; depth++) {
            int slot = 2 * node + bit(hi, lo, depth);
            int child = children[slot];
            if (child <= 0) {
                // Empty or a record covering more than this network: push it one level down.
                int created = newNode(child, child);
                children[slot] = created;
                child = created;
            }
            node = child;
        }
        children[2 * node + bit(hi, lo, prefixLength - 1)] = dataRef(recordId);
        insertedNetworks++;
    }

    private int newNode(int left, int right) {
        if (2 * nodes + 2 > children.length) children = Arrays.copyOf(children, children.length * 2);
        children[2 * nodes] = left;
        children[2 * nodes + 1] = right;
        return nodes++;
    }

    /** Networks (CIDRs) inserted so far. */
    public long insertedNetworks() {
        return insertedNetworks;
    }

    /** Distinct records inserted so far. */
    public int distinctRecords() {
        return records.size();
    }

    /** What {@link #write} produced. */
    public record Result(long nodeCount, int recordSize, long dataSectionBytes, long fileBytes) {}

    /** Writes the database to a file, atomically (through a temporary file beside it). */
    public Result write(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, file.getFileName().toString(), ".tmp");
        try {
            Result result;
            try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                result = write(out);
            }
            if (Files.getFileStore(tmp).supportsFileAttributeView("posix")) {
                // Temporary files are created owner-only; a database is meant to be shared.
                Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return result;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Writes the database to a stream. The writer should not be used afterwards. */
    public Result write(OutputStream out) throws IOException {
        int root = 0;
        compact(root);
        int ipv4Root = recordAt(root, 0L, 0L, 96);
        if (aliasIpv4 && ipv4Root != EMPTY) {
            setRecord(root, 0L, 0xFFFF_0000_0000L, 96, ipv4Root);
            setRecord(root, 0x2002L << 48, 0L, 16, ipv4Root);
        }

        // Number the reachable nodes breadth-first; aliases make the tree a DAG, so visit each once.
        int[] number = new int[nodes];
        Arrays.fill(number, -1);
        int[] order = new int[nodes];
        int count = 0;
        order[count] = root;
        number[root] = count++;
        for (int i = 0; i < count; i++) {
            int n = order[i];
            for (int side = 0; side < 2; side++) {
                int child = children[2 * n + side];
                if (child > 0 && number[child] < 0) {
                    order[count] = child;
                    number[child] = count++;
                }
            }
        }
        long nodeCount = count;

        DataSection data = new DataSection();
        int[] offsets = new int[records.size()];
        Arrays.fill(offsets, -1);
        for (int i = 0; i < count; i++) {
            int n = order[i];
            for (int side = 0; side < 2; side++) {
                int child = children[2 * n + side];
                if (child < 0 && offsets[-child - 1] < 0) offsets[-child - 1] = data.add(records.get(-child - 1));
            }
        }
        long maxValue = nodeCount + 16 + data.size();
        int recordSize = Math.max(pinnedRecordSize, recordSizeFor(maxValue));

        byte[] node = new byte[recordSize / 4];
        for (int i = 0; i < count; i++) {
            int n = order[i];
            long left = value(children[2 * n], number, offsets, nodeCount);
            long right = value(children[2 * n + 1], number, offsets, nodeCount);
            encodeNode(node, recordSize, left, right);
            out.write(node);
        }
        out.write(new byte[16]);
        byte[] dataBytes = data.bytes();
        out.write(dataBytes);
        out.write(METADATA_MARKER);
        byte[] metadata = DataSection.standalone(metadata(nodeCount, recordSize));
        out.write(metadata);
        out.flush();
        long fileBytes = nodeCount * node.length + 16 + dataBytes.length + METADATA_MARKER.length + metadata.length;
        return new Result(nodeCount, recordSize, dataBytes.length, fileBytes);
    }

    /** The smallest record size that holds every node number and data pointer up to {@code maxValue}. */
    static int recordSizeFor(long maxValue) {
        if (maxValue < (1L << 24)) return 24;
        if (maxValue < (1L << 28)) return 28;
        if (maxValue < (1L << 32)) return 32;
        throw new IllegalStateException("database too large for 32-bit records: " + maxValue);
    }

    private static long value(int child, int[] number, int[] offsets, long nodeCount) {
        if (child > 0) return number[child];
        if (child == EMPTY) return nodeCount;
        return nodeCount + 16 + offsets[-child - 1];
    }

    private static void encodeNode(byte[] node, int recordSize, long left, long right) {
        switch (recordSize) {
            case 24 -> {
                put(node, 0, left, 3);
                put(node, 3, right, 3);
            }
            case 28 -> {
                put(node, 0, left, 3);
                node[3] = (byte) (((left >>> 24) & 0x0F) << 4 | ((right >>> 24) & 0x0F));
                put(node, 4, right, 3);
            }
            default -> {
                put(node, 0, left, 4);
                put(node, 4, right, 4);
            }
        }
    }

    private static void put(byte[] dst, int at, long value, int length) {
        for (int i = 0; i < length; i++) dst[at + i] = (byte) (value >>> (8 * (length - 1 - i)));
    }

    /** Merges nodes below the root whose two records are the same record (or both empty). */
    private void compact(int root) {
        // Iterative post-order: the tree is up to 128 deep, but keep the stack explicit anyway.
        int[] stack = new int[2 * 130];
        int[] sideDone = new int[130];
        int top = 0;
        stack[0] = root;
        sideDone[0] = 0;
        while (top >= 0) {
            int n = stack[top];
            if (sideDone[top] < 2) {
                int side = sideDone[top]++;
                int child = children[2 * n + side];
                if (child > 0) {
                    top++;
                    stack[top] = child;
                    sideDone[top] = 0;
                }
                continue;
            }
            // Both sides done: fold the children that collapsed into records.
            top--;
            int left = children[2 * n], right = children[2 * n + 1];
            if (top >= 0 && left <= 0 && left == right) {
                int parent = stack[top];
                int parentSide = children[2 * parent] == n ? 0 : 1;
                children[2 * parent + parentSide] = left;
            }
        }
    }

    /** The record reached after {@code depth} bits of (hi, lo), or the record covering it. */
    private int recordAt(int root, long hi, long lo, int depth) {
        int value = children[2 * root + bit(hi, lo, 0)];
        for (int d = 1; d < depth && value > 0; d++) value = children[2 * value + bit(hi, lo, d)];
        return value;
    }

    /** Points the record at {@code depth} bits of (hi, lo) to {@code value}, creating nodes on the way. */
    private void setRecord(int root, long hi, long lo, int depth, int value) {
        int node = root;
        for (int d = 0; d < depth - 1; d++) {
            int slot = 2 * node + bit(hi, lo, d);
            if (children[slot] <= 0) children[slot] = newNode(children[slot], children[slot]);
            node = children[slot];
        }
        children[2 * node + bit(hi, lo, depth - 1)] = value;
    }

    private Map<String, Object> metadata(long nodeCount, int recordSize) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("binary_format_major_version", MmdbValue.u16(2));
        m.put("binary_format_minor_version", MmdbValue.u16(0));
        m.put("build_epoch", MmdbValue.u64(buildEpoch));
        m.put("database_type", databaseType);
        m.put("description", new LinkedHashMap<>(description));
        m.put("ip_version", MmdbValue.u16(6));
        m.put("languages", languages);
        m.put("node_count", MmdbValue.u32(nodeCount));
        m.put("record_size", MmdbValue.u16(recordSize));
        return m;
    }
}
