/**
 * Billing: the bills ledger (immutable facts, one per business event), the bill export import, and settlement
 * (runs, partitions, statements, worklist, the append-only settlement ledger bill_settlement).
 *
 * <p>Owns: bill, bill_settlement, settlement_* tables. Listens to provisioning's
 * {@link dev.stallkeeper.provisioning.domain.LifecycleEvent}s to record bills; implements catalog's
 * {@link dev.stallkeeper.catalog.application.FeeSchedule}. What pages and batch steps read of settlement is in
 * {@code domain} (records) and {@code application} ({@code Settlements}); {@code infrastructure} is SQL.
 *
 * <p>May use: {@code provisioning} (order lines, lifecycle events), {@code catalog} (product types),
 * {@code platform}.
 */
package dev.stallkeeper.billing;
