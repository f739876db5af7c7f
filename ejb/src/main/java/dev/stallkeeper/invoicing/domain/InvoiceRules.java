package dev.stallkeeper.invoicing.domain;

import static dev.stallkeeper.invoicing.domain.InvoiceAction.*;
import static dev.stallkeeper.invoicing.domain.InvoiceStatus.*;

import dev.stallkeeper.platform.Transitions;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Set;

/** The invoice workflow's legal moves and KooGallery's rules for invoicing customers (§8.2). */
public final class InvoiceRules {

    /** A customer's invoice is due within 7 days of the request. */
    public static final Duration DEADLINE = Duration.ofDays(7);
    /** Below this face value the buyer pays the postage (freight collect); from it on the seller pays. */
    public static final BigDecimal SELLER_PAYS_POSTAGE_FROM = new BigDecimal("100.00");

    static final Transitions<InvoiceStatus, InvoiceAction> TABLE = Transitions.of(InvoiceStatus.class, InvoiceAction.class)
            .allow(PENDING, ISSUE, ISSUED)
            .allow(PENDING, REJECT, REJECTED)
            .allow(ISSUED, MAIL, MAILED)
            .allow(ISSUED, EMAIL, EMAILED)
            .allow(ISSUED, RETURN, RETURNED)
            .allow(MAILED, RETURN, RETURNED)
            .allow(EMAILED, RETURN, RETURNED);

    private InvoiceRules() {
    }

    public static InvoiceStatus next(InvoiceStatus from, InvoiceAction action) {
        return TABLE.next(from, action).orElseThrow(() -> new InvoiceException("invoice.illegalTransition", true,
                action + " is not allowed while the invoice is " + from + " (allowed: "
                        + (TABLE.allowed(from).isEmpty() ? "nothing, the invoice is closed" : TABLE.allowed(from)) + ")"));
    }

    public static Set<InvoiceAction> allowed(InvoiceStatus from) {
        return TABLE.allowed(from);
    }

    /** Who pays the postage of a paper invoice of this amount. */
    public static Postage postage(InvoiceMedium medium, BigDecimal amount) {
        if (medium != InvoiceMedium.PAPER) {
            return Postage.NONE;
        }
        return amount.compareTo(SELLER_PAYS_POSTAGE_FROM) < 0 ? Postage.BUYER_PAYS : Postage.SELLER_PAYS;
    }

    /** Postage of a paper invoice: under 100 CNY freight collect (buyer), otherwise the seller. */
    public enum Postage {
        NONE, BUYER_PAYS, SELLER_PAYS
    }
}
