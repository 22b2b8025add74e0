package dev.etcdprovision.agent.ssh;

import java.nio.ByteBuffer;

/** SSH's wire encoding (RFC 4251, section 5), as identity files and ssh-agent use it. */
final class SshWire {
    private SshWire() {}

    /**
     * Reads a {@code string}: a 32-bit length, then that many bytes.
     *
     * @throws IllegalArgumentException when the buffer holds less than the length says
     */
    static byte[] string(ByteBuffer in) {
        int length = in.remaining() >= 4 ? in.getInt() : -1;
        if (length < 0 || length > in.remaining()) {
            throw new IllegalArgumentException("a string of " + length + " bytes with " + in.remaining() + " left");
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        return bytes;
    }
}
