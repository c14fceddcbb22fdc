package io.contactcenter.gateway.messaging;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * An append-only file of records the broker has not acknowledged yet, in the order they were accepted, and a second
 * file with the position up to which they were delivered. An append is on disk ({@code fsync}) before it returns, so a
 * webhook answered after it survives the process. Each entry is {@code length, CRC-32, payload}: an entry cut off by
 * a crash (never acknowledged to anyone) fails its check at the next open and is cut away. Both files start again
 * empty once everything was delivered. Appends come from one writer thread, reads and the position from one drainer.
 */
final class EventJournal implements AutoCloseable {

    /** A record to publish: everything its send needs, as bytes. */
    @RegisterForReflection
    record Entry(String topic, String key, Map<String, String> headers, byte[] value, long acceptedAtMillis) {
    }

    /** An entry at its place in the file: {@code end} is where the next one starts. */
    @RegisterForReflection
    record Stored(long start, long end, Entry entry) {
    }

    private static final int FRAME_HEADER = 8;

    private final Path file;
    private final Path positionFile;
    private final FileChannel channel;
    private final long maxBytes;
    private long delivered;
    private long size;
    /** Start and acceptance time of every pending entry, oldest first. */
    private final ArrayDeque<long[]> pendingEntries = new ArrayDeque<>();

    private EventJournal(Path directory, long maxBytes) throws IOException {
        Files.createDirectories(directory);
        this.file = directory.resolve("call-events.journal");
        this.positionFile = directory.resolve("call-events.delivered");
        this.maxBytes = maxBytes;
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        this.delivered = readPosition();
        recover();
    }

    /** Opens (or creates) the journal in {@code directory}; entries not yet delivered are pending again. */
    static EventJournal open(Path directory, long maxBytes) {
        try {
            return new EventJournal(directory, maxBytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the event journal in " + directory.toAbsolutePath(), e);
        }
    }

    /** Appends and forces the entry to disk; its start, or -1 when the journal is full (nothing written). */
    synchronized long append(Entry entry) throws IOException {
        byte[] payload = encode(entry);
        if (size + FRAME_HEADER + payload.length > maxBytes) {
            return -1;
        }
        CRC32 crc = new CRC32();
        crc.update(payload);
        ByteBuffer frame = ByteBuffer.allocate(FRAME_HEADER + payload.length);
        frame.putInt(payload.length).putInt((int) crc.getValue()).put(payload).flip();
        long start = size;
        while (frame.hasRemaining()) {
            channel.write(frame, start + frame.position());
        }
        channel.force(false);
        size = start + FRAME_HEADER + payload.length;
        pendingEntries.add(new long[] {start, entry.acceptedAtMillis()});
        return start;
    }

    /** Up to {@code max} entries not delivered yet, oldest first. */
    synchronized List<Stored> pending(int max) throws IOException {
        List<Stored> entries = new ArrayList<>();
        long at = delivered;
        while (at < size && entries.size() < max) {
            Stored stored = readAt(at);
            entries.add(stored);
            at = stored.end();
        }
        return entries;
    }

    /** Everything before {@code end} was delivered: kept on disk, and the files emptied once nothing is left. */
    synchronized void deliveredUpTo(long end) throws IOException {
        delivered = end;
        while (!pendingEntries.isEmpty() && pendingEntries.peekFirst()[0] < end) {
            pendingEntries.removeFirst();
        }
        if (delivered >= size) {
            channel.truncate(0);
            channel.force(false);
            size = 0;
            delivered = 0;
        }
        writePosition(delivered);
    }

    synchronized int pendingCount() {
        return pendingEntries.size();
    }

    synchronized long sizeBytes() {
        return size;
    }

    /** When the oldest pending entry was accepted, or 0 when none waits. */
    synchronized long oldestAcceptedAtMillis() {
        return pendingEntries.isEmpty() ? 0 : pendingEntries.peekFirst()[1];
    }

    @Override
    public synchronized void close() throws IOException {
        channel.close();
    }

    /** Counts the pending entries and cuts away a torn last entry (a crash in the middle of an append). */
    private void recover() throws IOException {
        long fileSize = channel.size();
        if (delivered > fileSize) {
            delivered = 0;
        }
        size = fileSize;
        long at = delivered;
        while (at < fileSize) {
            Stored stored = readAt(at);
            if (stored == null) {
                break;
            }
            pendingEntries.add(new long[] {at, stored.entry().acceptedAtMillis()});
            at = stored.end();
        }
        if (at < fileSize) {
            channel.truncate(at);
            channel.force(false);
        }
        size = at;
    }

    /** The entry at {@code start}, or null when it is incomplete or damaged. */
    private Stored readAt(long start) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(FRAME_HEADER);
        if (!readFully(header, start)) {
            return null;
        }
        header.flip();
        int length = header.getInt();
        int expectedCrc = header.getInt();
        if (length < 0 || start + FRAME_HEADER + length > channel.size()) {
            return null;
        }
        ByteBuffer payload = ByteBuffer.allocate(length);
        if (!readFully(payload, start + FRAME_HEADER)) {
            return null;
        }
        CRC32 crc = new CRC32();
        crc.update(payload.array());
        if ((int) crc.getValue() != expectedCrc) {
            return null;
        }
        return new Stored(start, start + FRAME_HEADER + length, decode(payload.array()));
    }

    private boolean readFully(ByteBuffer buffer, long position) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                return false;
            }
        }
        return true;
    }

    private long readPosition() throws IOException {
        if (!Files.exists(positionFile)) {
            return 0;
        }
        String text = Files.readString(positionFile).strip();
        return text.isEmpty() ? 0 : Long.parseLong(text);
    }

    /** Written aside and renamed over, so a crash leaves the old or the new position, never half of one. */
    private void writePosition(long position) throws IOException {
        Path next = positionFile.resolveSibling(positionFile.getFileName() + ".next");
        try (FileChannel out = FileChannel.open(next, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            out.write(ByteBuffer.wrap(Long.toString(position).getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
            out.force(false);
        }
        Files.move(next, positionFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static byte[] encode(Entry entry) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(entry.value().length + 256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeLong(entry.acceptedAtMillis());
            out.writeUTF(entry.topic());
            out.writeUTF(entry.key());
            out.writeInt(entry.headers().size());
            for (Map.Entry<String, String> header : entry.headers().entrySet()) {
                out.writeUTF(header.getKey());
                out.writeUTF(header.getValue());
            }
            out.writeInt(entry.value().length);
            out.write(entry.value());
        }
        return bytes.toByteArray();
    }

    private static Entry decode(byte[] payload) throws IOException {
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(payload))) {
            long acceptedAt = in.readLong();
            String topic = in.readUTF();
            String key = in.readUTF();
            int headerCount = in.readInt();
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 0; i < headerCount; i++) {
                headers.put(in.readUTF(), in.readUTF());
            }
            byte[] value = new byte[in.readInt()];
            in.readFully(value);
            return new Entry(topic, key, headers, value, acceptedAt);
        }
    }
}
