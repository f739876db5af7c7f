package dev.stallkeeper.billing.application;

import dev.stallkeeper.billing.domain.Bill;
import dev.stallkeeper.billing.domain.BillingException;
import dev.stallkeeper.billing.domain.NewBill;
import dev.stallkeeper.billing.domain.PaymentState;
import dev.stallkeeper.billing.domain.SupervisionState;
import dev.stallkeeper.billing.infrastructure.BillCsvFormat;
import dev.stallkeeper.billing.domain.BillRowError;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.io.Reader;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Imports KooGallery's bill export (columns: {@link BillCsvFormat}) in one transaction: every row is checked
 * first and any problem refuses the whole file ({@link BillImportException}, listing each problem with its
 * line). A row whose bill is known (same order line and kind, whoever recorded it) is reconciled: its payment
 * and supervision move forward to what the file says; a different amount, kind or product type is a problem,
 * never silently overwritten. Importing the same file again changes nothing.
 */
@Stateless
public class BillImport {

    private static final Logger LOG = Logger.getLogger(BillImport.class);

    /** What an import did. */
    public record Result(int created, int updated, int unchanged) {
    }

    @Inject
    BillLedger ledger;

    @Inject
    Clock clock;

    public Result importCsv(Reader csv) {
        return apply(BillCsvFormat.parse(csv), BillLedger.RECORDED_BY_IMPORT);
    }

    /**
     * Bills from the admin API: objects whose keys are the file's columns ({@link BillCsvFormat}), checked and
     * applied exactly as a file's rows, all or nothing; an error's line is the bill's position (1 = the first).
     */
    public Result importBills(List<Map<String, String>> bills) {
        return apply(BillCsvFormat.parse(bills), BillLedger.RECORDED_BY_API);
    }

    private Result apply(BillCsvFormat.Parsed parsed, String recordedBy) {
        if (!parsed.errors().isEmpty()) {
            throw new BillImportException(parsed.errors());
        }
        List<BillRowError> errors = new ArrayList<>();
        int created = 0;
        int updated = 0;
        int unchanged = 0;
        Instant now = clock.instant();
        for (BillCsvFormat.Row row : parsed.rows()) {
            NewBill b = row.bill();
            Optional<Bill> known = ledger.findBySource(Bill.sourceOf(b.kind()),
                    Bill.orderKey(b.orderId(), b.orderLineId(), b.kind()));
            try {
                if (known.isEmpty()) {
                    ledger.record(b, recordedBy);
                    created++;
                } else if (reconcile(ledger.lockFresh(known.get().id()), b, now)) {
                    updated++;
                } else {
                    unchanged++;
                }
            } catch (IllegalArgumentException | BillingException e) {
                errors.add(new BillRowError(row.line(), e.getMessage()));
            }
        }
        if (!errors.isEmpty()) {
            throw new BillImportException(errors); // rolls back the rows already applied
        }
        LOG.infof("Bills imported (%s): %d new, %d updated, %d unchanged", recordedBy, created, updated, unchanged);
        return new Result(created, updated, unchanged);
    }

    /** Moves a known bill to the file's states; true when something changed. */
    private static boolean reconcile(Bill bill, NewBill row, Instant now) {
        if (bill.amount().compareTo(row.amount()) != 0) {
            throw new IllegalArgumentException("amount " + row.amount() + " differs from the recorded bill's "
                    + bill.amount() + " (bill " + bill.id() + ")");
        }
        if (!bill.productType().equals(row.productType())) {
            throw new IllegalArgumentException("product type " + row.productType() + " differs from the recorded bill's "
                    + bill.productType() + " (bill " + bill.id() + ")");
        }
        boolean changed = switch (row.payment()) {
            case PAID -> bill.markPaid(now);
            case POSTPAID_AWAITING_REPAYMENT -> bill.markPostpaid(now);
            case REPAID -> bill.markRepaid(now);
            case UNPAID -> {
                if (bill.paymentState() != PaymentState.UNPAID) {
                    throw new IllegalArgumentException("payment_state UNPAID, but bill " + bill.id() + " is "
                            + bill.paymentState() + " already");
                }
                yield false;
            }
        };
        if (row.supervision() == SupervisionState.COMPLETED) {
            changed |= bill.completeSupervision(row.supervisionCompletedAt(), now);
        } else if (row.supervision() == SupervisionState.IN_PROGRESS) {
            if (bill.supervisionState() == SupervisionState.COMPLETED) {
                throw new IllegalArgumentException("supervision_state IN_PROGRESS, but bill " + bill.id()
                        + " completed supervision already");
            }
            changed |= bill.openSupervision(now);
        } else if (bill.supervisionState() != SupervisionState.NOT_REQUIRED) {
            throw new IllegalArgumentException("supervision_state NOT_REQUIRED, but bill " + bill.id() + " is "
                    + bill.supervisionState());
        }
        return changed;
    }
}
