package dev.stallkeeper.invoicing.domain;

/** Who the seller invoices: its customer (general products) or Huawei (joint-operation settlement statements). */
public enum InvoiceDirection {
    TO_CUSTOMER, TO_HUAWEI
}
