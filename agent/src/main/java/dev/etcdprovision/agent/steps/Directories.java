package dev.etcdprovision.agent.steps;

import dev.etcdprovision.agent.Host;
import dev.etcdprovision.agent.RemotePath;
import dev.etcdprovision.agent.RemoteScript;
import dev.etcdprovision.agent.facts.Ownership;
import dev.etcdprovision.agent.facts.PathState;

/** Folders with an owner, group and mode (the data folder: 0700 etcd:etcd). */
public final class Directories {
    private static final RemoteScript ENSURE_DIR = RemoteScript.load("ensure-dir");

    private final Host host;

    public Directories(Host host) {
        this.host = host;
    }

    /** Creates the folder (and missing parents) or corrects its owner and mode; one round trip. */
    public StepResult ensure(String path, Ownership ownership) {
        RemotePath.require(path);
        return StepResult.fromScript(host.check(ENSURE_DIR.command("ensure folder " + path, path,
                ownership.statMode(), ownership.owner(), ownership.group())));
    }

    /** The same, deciding from a state already gathered: nothing is sent when it is in place. */
    public StepResult ensure(String path, Ownership ownership, PathState known) {
        if (!known.path().equals(path)) {
            throw new IllegalArgumentException("the state of " + known.path() + " given for " + path);
        }
        if (known.kind() == PathState.Kind.DIRECTORY && known.hasOwnership(ownership)) {
            return StepResult.unchanged("");
        }
        return ensure(path, ownership);
    }
}
