package dev.stallkeeper.billing.application;

import dev.stallkeeper.billing.infrastructure.BillCsvFormat.RowError;
import jakarta.ejb.ApplicationException;
import java.util.List;
import java.util.stream.Collectors;

/** A bill file that was refused: nothing of it was imported. Each error names its line. */
@ApplicationException(rollback = true)
public class BillImportException extends RuntimeException {

    private final transient List<RowError> errors;

    public BillImportException(List<RowError> errors) {
        super(errors.size() + " problem(s), nothing imported: "
                + errors.stream().limit(20).map(RowError::toString).collect(Collectors.joining("; ")));
        this.errors = List.copyOf(errors);
    }

    public List<RowError> errors() {
        return errors;
    }
}
