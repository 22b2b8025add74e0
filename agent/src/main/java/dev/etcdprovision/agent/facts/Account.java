package dev.etcdprovision.agent.facts;

/** A user as {@code getent passwd} shows it. */
public record Account(String name, int uid, int gid, String home, String shell) {

    /** Whether the shell refuses logins (nologin or false). */
    public boolean cannotLogIn() {
        return shell.endsWith("/nologin") || shell.endsWith("/false");
    }
}
