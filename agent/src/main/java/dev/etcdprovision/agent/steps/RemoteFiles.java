package dev.etcdprovision.agent.steps;

import dev.etcdprovision.agent.Command;
import dev.etcdprovision.agent.CommandResult;
import dev.etcdprovision.agent.Host;
import dev.etcdprovision.agent.HostException;
import dev.etcdprovision.agent.RemoteFile;
import dev.etcdprovision.agent.RemotePath;
import dev.etcdprovision.agent.RemoteScript;
import dev.etcdprovision.agent.Stdin;
import dev.etcdprovision.agent.facts.Facts;
import dev.etcdprovision.agent.facts.Ownership;
import dev.etcdprovision.agent.facts.PathState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Rendered files on a host: written all or nothing, skipped when in place; and read back. */
public final class RemoteFiles {
    private static final RemoteScript READ_FILE = RemoteScript.load("read-file");
    private static final RemoteScript REMOVE_FILE = RemoteScript.load("remove-file");
    private static final int MISSING = 3;

    private final Host host;

    public RemoteFiles(Host host) {
        this.host = host;
    }

    /**
     * Writes the file unless it is in place: asks the host for the file's state first (one round
     * trip), then writes as {@link #write(RemoteFile, PathState)} does.
     */
    public StepResult write(RemoteFile file) {
        String step = step(file);
        return write(file, Facts.describe(host, step, List.of(file.path())).get(file.path()));
    }

    /**
     * Writes the file, deciding from a state already gathered: nothing when content, owner and mode
     * match; only chown and chmod when just those differ; otherwise the content goes to a temporary
     * file beside the target, is checked on the host (sha256), gets its owner and mode, is synced
     * and renamed over the target. The target's folder must exist.
     */
    public StepResult write(RemoteFile file, PathState known) {
        if (!known.path().equals(file.path())) {
            throw new IllegalArgumentException("the state of " + known.path() + " given for " + file.path());
        }
        byte[] content = file.content();
        Upload upload = new Upload(step(file), file.path(), file.sha256(), content.length,
                new Ownership(file.owner(), file.group(), file.mode()), Stdin.of(content), false);
        return upload.put(host, known);
    }

    /**
     * Sends a file of the controller (streamed from its disk: it may be large) to {@code target},
     * as {@link #write(RemoteFile, PathState)} writes: checked on the host against {@code sha256}
     * before it replaces anything, and not sent at all when the host has it already.
     */
    public StepResult upload(Path local, String sha256, String target, Ownership ownership) {
        RemotePath.require(target);
        String step = "upload " + local.getFileName() + " to " + target;
        long size;
        try {
            size = Files.size(local);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + local, e);
        }
        PathState known = Facts.describe(host, step, List.of(target)).get(target);
        return new Upload(step, target, sha256, size, ownership, Stdin.of(local), false).put(host, known);
    }

    /** A file's content as text (certificates, configuration); empty when the file does not exist. */
    public Optional<String> read(String path) {
        RemotePath.require(path);
        Command command = READ_FILE.command("read " + path, path);
        CommandResult result = host.run(command);
        if (result.exitStatus() == MISSING) {
            return Optional.empty();
        }
        if (!result.ok()) {
            throw HostException.failed(host.id(), command, result);
        }
        return Optional.of(result.stdout());
    }

    /** Deletes a file the controller left on the host for a while; nothing when it is gone already. */
    public StepResult remove(String path) {
        RemotePath.require(path);
        return StepResult.fromScript(host.check(REMOVE_FILE.command("delete " + path, path)));
    }

    private static String step(RemoteFile file) {
        return "write " + file.path();
    }
}
