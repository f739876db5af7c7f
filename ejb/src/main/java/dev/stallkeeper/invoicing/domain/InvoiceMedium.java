package dev.stallkeeper.invoicing.domain;

/** Paper (mailed), electronic (e-mailed PDF) or fully digital (数电, e-mailed). */
public enum InvoiceMedium {
    PAPER, ELECTRONIC, FULLY_DIGITAL;

    public boolean mailedOnPaper() {
        return this == PAPER;
    }
}
