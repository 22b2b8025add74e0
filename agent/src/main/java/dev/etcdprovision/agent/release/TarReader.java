package dev.etcdprovision.agent.release;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Reads a tar stream, entry by entry, with the JDK alone: POSIX ustar headers, GNU long names
 * ({@code L} entries), pax extended headers (their {@code path} and {@code size} are honoured, the
 * rest skipped) and base-256 sizes. Enough for release archives made by GNU tar, bsdtar or Go.
 */
final class TarReader {
    private static final int BLOCK = 512;

    /** One entry; its content is readable from {@link TarReader#content()} until the next call to {@link #next()}. */
    record Entry(String name, char type, long size) {
        boolean isFile() {
            return type == '0' || type == '\0' || type == '7';
        }
    }

    private final InputStream in;
    private long remaining;
    private long padding;

    TarReader(InputStream in) {
        this.in = in;
    }

    /** The next file, folder or link entry; empty at the end of the archive. */
    Optional<Entry> next() throws IOException {
        skipRest();
        Optional<String> longName = Optional.empty();
        Optional<Long> paxSize = Optional.empty();
        while (true) {
            byte[] header = in.readNBytes(BLOCK);
            if (header.length == 0 || isZero(header)) {
                return Optional.empty();
            }
            if (header.length < BLOCK) {
                throw new EOFException("the archive ends inside a tar header");
            }
            verifyChecksum(header);
            char type = (char) header[156];
            long size = size(header);
            switch (type) {
                case 'L' -> longName = Optional.of(trimNul(new String(readData(size), StandardCharsets.UTF_8)));
                case 'x' -> {
                    String records = new String(readData(size), StandardCharsets.UTF_8);
                    Optional<String> path = paxValue(records, "path");
                    if (path.isPresent()) {
                        longName = path;
                    }
                    paxSize = paxValue(records, "size").map(Long::parseLong);
                }
                case 'g', 'K' -> readData(size);
                default -> {
                    String name = longName.orElseGet(() -> headerName(header));
                    long entrySize = paxSize.orElse(size);
                    remaining = entrySize;
                    padding = pad(entrySize);
                    return Optional.of(new Entry(name.startsWith("./") ? name.substring(2) : name, type, entrySize));
                }
            }
        }
    }

    /** The current entry's content; reading past its end returns end of stream. */
    InputStream content() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                if (remaining == 0) {
                    return -1;
                }
                int count = in.read(buffer, offset, (int) Math.min(length, remaining));
                if (count < 0) {
                    throw new EOFException("the archive ends inside an entry");
                }
                remaining -= count;
                return count;
            }
        };
    }

    private void skipRest() throws IOException {
        skipFully(remaining + padding);
        remaining = 0;
        padding = 0;
    }

    private byte[] readData(long size) throws IOException {
        if (size > 1 << 20) {
            throw new IOException("a tar metadata entry of " + size + " bytes is not plausible");
        }
        byte[] data = in.readNBytes((int) size);
        if (data.length < size) {
            throw new EOFException("the archive ends inside an entry");
        }
        skipFully(pad(size));
        return data;
    }

    private void skipFully(long count) throws IOException {
        long left = count;
        while (left > 0) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new EOFException("the archive ends inside an entry");
                }
                skipped = 1;
            }
            left -= skipped;
        }
    }

    private static long pad(long size) {
        return (BLOCK - size % BLOCK) % BLOCK;
    }

    /** POSIX ustar splits long names into prefix and name; GNU tar uses the prefix field for other things. */
    private static String headerName(byte[] header) {
        String name = field(header, 0, 100);
        boolean posix = field(header, 257, 6).equals("ustar");
        String prefix = posix ? field(header, 345, 155) : "";
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    /** Octal ASCII, or base-256 when the high bit of the first byte is set (GNU, for sizes over 8 GiB). */
    static long size(byte[] header) throws IOException {
        if ((header[124] & 0x80) != 0) {
            long value = header[124] & 0x7f;
            for (int i = 125; i < 136; i++) {
                value = (value << 8) | (header[i] & 0xff);
            }
            return value;
        }
        String octal = field(header, 124, 12).strip();
        try {
            return octal.isEmpty() ? 0 : Long.parseLong(octal, 8);
        } catch (NumberFormatException e) {
            throw new IOException("not a tar archive (entry size " + octal + ")");
        }
    }

    private static void verifyChecksum(byte[] header) throws IOException {
        long sum = 0;
        for (int i = 0; i < BLOCK; i++) {
            sum += (i >= 148 && i < 156) ? ' ' : header[i] & 0xff;
        }
        String stored = field(header, 148, 8).strip();
        try {
            if (stored.isEmpty() || Long.parseLong(stored, 8) != sum) {
                throw new IOException("not a tar archive, or a damaged one (header checksum)");
            }
        } catch (NumberFormatException e) {
            throw new IOException("not a tar archive (header checksum " + stored + ")");
        }
    }

    /** pax records: {@code "LENGTH key=value\n"}, LENGTH counting the whole record in bytes. */
    static Optional<String> paxValue(String records, String key) {
        byte[] bytes = records.getBytes(StandardCharsets.UTF_8);
        int position = 0;
        while (position < bytes.length) {
            int space = position;
            while (space < bytes.length && bytes[space] != ' ') {
                space++;
            }
            int length;
            try {
                length = Integer.parseInt(new String(bytes, position, space - position, StandardCharsets.US_ASCII));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
            if (length <= 0 || position + length > bytes.length) {
                return Optional.empty();
            }
            String record = new String(bytes, space + 1, position + length - space - 2, StandardCharsets.UTF_8);
            int equals = record.indexOf('=');
            if (equals > 0 && record.substring(0, equals).equals(key)) {
                return Optional.of(record.substring(equals + 1));
            }
            position += length;
        }
        return Optional.empty();
    }

    private static String field(byte[] header, int offset, int length) {
        return trimNul(new String(header, offset, length, StandardCharsets.UTF_8));
    }

    private static String trimNul(String text) {
        int nul = text.indexOf('\0');
        return nul < 0 ? text : text.substring(0, nul);
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }
}
