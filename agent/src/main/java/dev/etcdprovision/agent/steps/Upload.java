package dev.etcdprovision.agent.steps;

import dev.etcdprovision.agent.Command;
import dev.etcdprovision.agent.Host;
import dev.etcdprovision.agent.RemoteScript;
import dev.etcdprovision.agent.Stdin;
import dev.etcdprovision.agent.facts.Ownership;
import dev.etcdprovision.agent.facts.PathState;
import java.time.Duration;

/**
 * Puts content at a path on a host, all or nothing, skipping what is in place: the one mechanism
 * behind writing rendered files and installing binaries. The content streams over SSH into a
 * temporary file beside the target; the host checks its sha256 before the rename (see
 * {@code scripts/write-file.sh}).
 *
 * @param size bytes, to give a large upload the time it needs
 * @param gzipped whether {@code content} is gzip-compressed (the host decompresses it; {@code
 *     sha256} is that of the decompressed content)
 */
record Upload(String step, String target, String sha256, long size, Ownership ownership, Stdin content,
        boolean gzipped) {
    private static final RemoteScript WRITE_FILE = RemoteScript.load("write-file");
    private static final RemoteScript SET_OWNER_MODE = RemoteScript.load("set-owner-mode");
    /** Slow links still move a megabyte a second; beyond that, something is stuck. */
    private static final long BYTES_PER_SECOND_AT_LEAST = 1 << 20;

    /**
     * Nothing when {@code known} already has this content, owner and mode; only chown and chmod
     * when just those differ; otherwise the whole content.
     */
    StepResult put(Host host, PathState known) {
        if (known.hasContent(sha256)) {
            if (known.hasOwnership(ownership)) {
                return StepResult.unchanged("");
            }
            return StepResult.fromScript(host.check(SET_OWNER_MODE.command(step, target, ownership.statMode(),
                    ownership.owner(), ownership.group())));
        }
        Command write = WRITE_FILE.command(step, target, sha256, ownership.statMode(), ownership.owner(),
                        ownership.group(), gzipped ? "gzip" : "plain")
                .withStdin(content)
                .withTimeout(Command.DEFAULT_TIMEOUT.plus(Duration.ofSeconds(size / BYTES_PER_SECOND_AT_LEAST)));
        return StepResult.fromScript(host.check(write));
    }
}
