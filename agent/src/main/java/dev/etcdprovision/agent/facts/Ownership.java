package dev.etcdprovision.agent.facts;

/** Owner, group and permission bits of a file or folder, as {@code stat -c '%U %G %a'} shows them. */
public record Ownership(String owner, String group, int mode) {
    public Ownership {
        if (owner == null || owner.isBlank() || group == null || group.isBlank()) {
            throw new IllegalArgumentException("an owner and a group, not " + owner + ":" + group);
        }
        if (mode < 0 || mode > 07777) {
            throw new IllegalArgumentException("mode " + Integer.toOctalString(mode) + " is not a file mode");
        }
    }

    /** The mode as chmod takes it and {@code stat -c %a} prints it: octal without leading zeros. */
    public String statMode() {
        return Integer.toOctalString(mode);
    }

    @Override
    public String toString() {
        return owner + ":" + group + " " + String.format("%04o", mode);
    }
}
