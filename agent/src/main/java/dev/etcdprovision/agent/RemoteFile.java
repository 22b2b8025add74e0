package dev.etcdprovision.agent;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A file as it must be on a host: absolute path, exact bytes, permission bits, owner and group.
 * The controller renders these; the agent writes them (skipping those whose sha256 already matches).
 */
public record RemoteFile(String path, byte[] content, int mode, String owner, String group) {

    public RemoteFile {
        if (path == null || !path.startsWith("/") || path.contains("/../") || path.endsWith("/..")
                || path.endsWith("/")) {
            throw new IllegalArgumentException("a remote file needs an absolute file path, not " + path);
        }
        if (mode < 0 || mode > 07777) {
            throw new IllegalArgumentException("mode " + Integer.toOctalString(mode) + " of " + path);
        }
        content = content.clone();
    }

    public static RemoteFile text(String path, String text, int mode, String owner, String group) {
        return new RemoteFile(path, text.getBytes(StandardCharsets.UTF_8), mode, owner, group);
    }

    @Override
    public byte[] content() {
        return content.clone();
    }

    /** The content as UTF-8 text (for diffs and templates). */
    public String text() {
        return new String(content, StandardCharsets.UTF_8);
    }

    /** Lower-case hex sha256 of the content, as {@code sha256sum} prints it. */
    public String sha256() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The mode as four octal digits, as {@code install -m} and {@code stat -c %a} take and print it. */
    public String octalMode() {
        return String.format("%04o", mode);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RemoteFile file
                && path.equals(file.path) && Arrays.equals(content, file.content)
                && mode == file.mode && owner.equals(file.owner) && group.equals(file.group);
    }

    @Override
    public int hashCode() {
        return path.hashCode() * 31 + Arrays.hashCode(content);
    }

    @Override
    public String toString() {
        return path + " (" + content.length + " bytes, " + octalMode() + " " + owner + ":" + group + ")";
    }
}
