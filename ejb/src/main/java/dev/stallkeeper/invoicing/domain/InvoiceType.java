package dev.stallkeeper.invoicing.domain;

/** Ordinary VAT invoice (普票) or special VAT invoice (专票). */
public enum InvoiceType {
    ORDINARY, SPECIAL_VAT
}
