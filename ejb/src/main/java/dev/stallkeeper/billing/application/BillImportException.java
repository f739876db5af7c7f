package dev.stallkeeper.billing.application;

import dev.stallkeeper.billing.domain.BillRowError;
import dev.stallkeeper.platform.Problem;
import dev.stallkeeper.platform.RefusedException;
import java.util.List;

/** A bill file that was refused: nothing of it was imported. Each problem names its line. */
public class BillImportException extends RefusedException {

    private static final long serialVersionUID = 1L;

    private final transient List<BillRowError> errors;

    public BillImportException(List<BillRowError> errors) {
        super("billing.importRefused", false, errors.size() + " problem(s), nothing imported",
                errors.stream().map(e -> new Problem(e.line(), e.message())).toList());
        this.errors = List.copyOf(errors);
    }

    public List<BillRowError> errors() {
        return errors;
    }

}
