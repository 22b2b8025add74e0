package dev.etcdprovision.controller.cluster;

/** A cluster call failed; the message names the operation and the member(s) asked. */
public class MembershipException extends RuntimeException {
    public MembershipException(String message) {
        super(message);
    }

    public MembershipException(String message, Throwable cause) {
        super(message, cause);
    }
}
