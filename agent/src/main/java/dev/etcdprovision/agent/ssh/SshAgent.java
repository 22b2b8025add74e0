package dev.etcdprovision.agent.ssh;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A client of ssh-agent (the protocol of OpenSSH's PROTOCOL.agent), for keys whose file is
 * protected by a passphrase: the agent holds them decrypted and signs for us; the private key
 * never enters this process. Each request opens its own connection, so hosts connect in parallel.
 */
final class SshAgent {
    private static final byte FAILURE = 5;
    private static final byte REQUEST_IDENTITIES = 11;
    private static final byte IDENTITIES_ANSWER = 12;
    private static final byte SIGN_REQUEST = 13;
    private static final byte SIGN_RESPONSE = 14;
    /** Sign with rsa-sha2-512: servers refuse the SHA-1 signatures of plain ssh-rsa. */
    static final int RSA_SHA2_512 = 4;
    private static final int MESSAGE_LIMIT = 256 * 1024;

    private final Path socket;

    SshAgent(Path socket) {
        this.socket = socket;
    }

    /** The agent that {@code SSH_AUTH_SOCK} names, if it names one. */
    static Optional<SshAgent> fromEnvironment() {
        String socket = System.getenv("SSH_AUTH_SOCK");
        return socket == null || socket.isBlank() ? Optional.empty() : Optional.of(new SshAgent(Path.of(socket)));
    }

    Path socket() {
        return socket;
    }

    /** Whether the agent holds the private key of this public key blob. */
    boolean holds(byte[] publicKeyBlob) throws IOException {
        ByteBuffer answer = request(new byte[] {REQUEST_IDENTITIES}, IDENTITIES_ANSWER);
        int count = answer.remaining() >= 4 ? answer.getInt() : 0;
        List<byte[]> keys = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            keys.add(string(answer));
            string(answer); // comment
        }
        return keys.stream().anyMatch(key -> Arrays.equals(key, publicKeyBlob));
    }

    /** The agent's signature of {@code data}: the SSH signature blob (algorithm name, then the signature). */
    byte[] sign(byte[] publicKeyBlob, byte[] data, int flags) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeByte(SIGN_REQUEST);
        out.writeInt(publicKeyBlob.length);
        out.write(publicKeyBlob);
        out.writeInt(data.length);
        out.write(data);
        out.writeInt(flags);
        return string(request(bytes.toByteArray(), SIGN_RESPONSE));
    }

    /** Sends one message and returns the payload of the answer, which must be of type {@code expected}. */
    private ByteBuffer request(byte[] message, byte expected) throws IOException {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            ByteBuffer frame = ByteBuffer.allocate(4 + message.length).putInt(message.length).put(message).flip();
            while (frame.hasRemaining()) {
                channel.write(frame);
            }
            int length = readFully(channel, ByteBuffer.allocate(4)).getInt();
            if (length < 1 || length > MESSAGE_LIMIT) {
                throw new IOException("ssh-agent at " + socket + " answered a message of " + length + " bytes");
            }
            ByteBuffer answer = readFully(channel, ByteBuffer.allocate(length));
            byte type = answer.get();
            if (type == FAILURE) {
                throw new IOException("ssh-agent at " + socket + " refused the request");
            }
            if (type != expected) {
                throw new IOException("ssh-agent at " + socket + " answered message type " + type + ", not " + expected);
            }
            return answer;
        }
    }

    private ByteBuffer readFully(SocketChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                throw new IOException("ssh-agent at " + socket + " closed the connection");
            }
        }
        return buffer.flip();
    }

    private byte[] string(ByteBuffer in) throws IOException {
        try {
            return SshWire.string(in);
        } catch (IllegalArgumentException e) {
            throw new IOException("ssh-agent at " + socket + " sent a malformed answer", e);
        }
    }
}
