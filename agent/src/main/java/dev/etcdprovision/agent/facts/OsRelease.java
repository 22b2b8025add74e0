package dev.etcdprovision.agent.facts;

/** From /etc/os-release: {@code ID} ("debian"), {@code VERSION_ID} ("12") and {@code PRETTY_NAME}. */
public record OsRelease(String id, String versionId, String prettyName) {
    public static final OsRelease UNKNOWN = new OsRelease("", "", "unknown");

    @Override
    public String toString() {
        return prettyName.isEmpty() ? id + " " + versionId : prettyName;
    }
}
