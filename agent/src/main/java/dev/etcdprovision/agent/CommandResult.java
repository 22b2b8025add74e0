package dev.etcdprovision.agent;

/** How a command ended: its exit status and what it printed (UTF-8). */
public record CommandResult(int exitStatus, String stdout, String stderr) {
    public boolean ok() {
        return exitStatus == 0;
    }
}
