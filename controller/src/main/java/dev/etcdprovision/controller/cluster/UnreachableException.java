package dev.etcdprovision.controller.cluster;

/** The member did not answer (down, cut off, refusing connections), as opposed to answering no. */
public class UnreachableException extends MembershipException {
    public UnreachableException(String message) {
        super(message);
    }

    public UnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
