package dev.etcdprovision.agent.steps;

import dev.etcdprovision.agent.Host;
import dev.etcdprovision.agent.RemotePath;
import dev.etcdprovision.agent.RemoteScript;
import dev.etcdprovision.agent.facts.Account;
import dev.etcdprovision.agent.facts.GroupEntry;
import java.util.Optional;
import java.util.regex.Pattern;

/** The service's system user and group. */
public final class Accounts {
    private static final RemoteScript ENSURE_USER = RemoteScript.load("ensure-user");
    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_-]{0,30}");

    private final Host host;

    public Accounts(Host host) {
        this.host = host;
    }

    /**
     * A system user in its own group, without a login shell, whose home is {@code home} (the data
     * folder; useradd does not create it). An existing user is corrected (group, home, shell).
     * Checks and fixes in one round trip.
     */
    public StepResult ensureSystemUser(String user, String group, String home) {
        requireName(user);
        requireName(group);
        RemotePath.require(home);
        return StepResult.fromScript(host.check(ENSURE_USER.command("ensure user " + user, user, group, home)));
    }

    /**
     * The same, deciding from facts already gathered ({@code HostFacts.user()} and
     * {@code group()} of a query for this account): nothing is sent when they show it in place.
     */
    public StepResult ensureSystemUser(String user, String group, String home, Optional<Account> knownUser,
            Optional<GroupEntry> knownGroup) {
        knownUser.filter(account -> !account.name().equals(user)).ifPresent(account -> {
            throw new IllegalArgumentException("facts about user " + account.name() + " given for user " + user);
        });
        boolean inPlace = knownUser.isPresent() && knownGroup.isPresent()
                && knownGroup.get().name().equals(group)
                && knownUser.get().gid() == knownGroup.get().gid()
                && knownUser.get().home().equals(home)
                && knownUser.get().cannotLogIn();
        return inPlace ? StepResult.unchanged("") : ensureSystemUser(user, group, home);
    }

    private static void requireName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a user or group name of lower-case letters, digits, _ and -, not "
                    + name);
        }
    }
}
