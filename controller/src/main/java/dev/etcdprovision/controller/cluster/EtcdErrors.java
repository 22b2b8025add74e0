package dev.etcdprovision.controller.cluster;

import io.etcd.jetcd.common.exception.EtcdException;
import io.etcd.jetcd.common.exception.ErrorCode;
import io.grpc.Status;
import java.net.ConnectException;
import java.util.Set;

/** Turns what jetcd and gRPC throw into a one-line message, and "no answer" into {@link UnreachableException}. */
final class EtcdErrors {
    private static final Set<ErrorCode> NO_ANSWER = Set.of(ErrorCode.UNAVAILABLE, ErrorCode.DEADLINE_EXCEEDED,
            ErrorCode.CANCELLED);

    private EtcdErrors() {}

    static MembershipException translate(String operation, Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && !(cause instanceof EtcdException) && !(cause instanceof ConnectException)) {
            cause = cause.getCause();
        }
        if (cause instanceof EtcdException etcd) {
            String message = operation + ": " + describe(etcd);
            return NO_ANSWER.contains(etcd.getErrorCode())
                    ? new UnreachableException(message, failure)
                    : new MembershipException(message, failure);
        }
        Status status = Status.fromThrowable(failure);
        if (status.getCode() != Status.Code.UNKNOWN) {
            String message = operation + ": " + status.getCode() + (status.getDescription() == null ? ""
                    : ": " + status.getDescription());
            return status.getCode() == Status.Code.UNAVAILABLE || status.getCode() == Status.Code.DEADLINE_EXCEEDED
                    ? new UnreachableException(message, failure)
                    : new MembershipException(message, failure);
        }
        if (cause instanceof ConnectException || cause instanceof java.io.IOException) {
            return new UnreachableException(operation + ": " + cause.getMessage(), failure);
        }
        return new MembershipException(operation + ": " + failure, failure);
    }

    private static String describe(EtcdException etcd) {
        String message = etcd.getMessage();
        return message == null || message.isBlank() ? etcd.getErrorCode().name() : message.strip();
    }
}
