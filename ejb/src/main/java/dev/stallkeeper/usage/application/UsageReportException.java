package dev.stallkeeper.usage.application;

import dev.stallkeeper.platform.Problem;
import dev.stallkeeper.platform.RefusedException;
import java.util.List;

/**
 * A usage report refused as a whole (nothing of it is stored): {@link Reason#INVALID} for records that break the
 * rules, {@link Reason#CONFLICT} for an id (or an instance and time window) already used by a different record.
 */
public class UsageReportException extends RefusedException {

    private static final long serialVersionUID = 1L;

    public enum Reason { INVALID, CONFLICT }

    public UsageReportException(Reason reason, String message, List<String> problems) {
        super(reason == Reason.CONFLICT ? "usage.conflict" : "usage.invalid", reason == Reason.CONFLICT, message,
                problems.stream().map(Problem::of).toList());
    }

}
