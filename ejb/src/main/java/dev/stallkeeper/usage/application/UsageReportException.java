package dev.stallkeeper.usage.application;

import jakarta.ejb.ApplicationException;
import java.util.List;

/**
 * A usage report refused as a whole (nothing of it is stored): {@link Reason#INVALID} for records that break the
 * rules, {@link Reason#CONFLICT} for an id (or an instance and time window) already used by a different record.
 */
@ApplicationException(rollback = true)
public class UsageReportException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public enum Reason { INVALID, CONFLICT }

    private final Reason reason;
    private final List<String> problems;

    public UsageReportException(Reason reason, String message, List<String> problems) {
        super(message);
        this.reason = reason;
        this.problems = List.copyOf(problems);
    }

    public Reason reason() {
        return reason;
    }

    /** One line per problem, naming the record ({@code records[3] (id r-17): ...}). */
    public List<String> problems() {
        return problems;
    }
}
