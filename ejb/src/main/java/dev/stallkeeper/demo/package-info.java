/**
 * Demo: the quick start's living demo month ({@code STALLKEEPER_DEMO_DATA=true} on the embedded database only). On an
 * empty database, {@link dev.stallkeeper.demo.DemoMonth} replays about three months of a seller's life through the
 * application's own services, each step at its own hour of the past (the application's clock is moved only while it
 * loads, see {@code platform.DemoTime}): signed KooGallery callbacks through the same intake as the production
 * address and the Kit interfaces, usage reports and pushes, settlement runs, invoices, supervisions, the mail outbox.
 * Nothing is written with SQL of its own, so every figure the console shows agrees with every other.
 *
 * <p>Owns: nothing (no table).
 *
 * <p>May use: every context's application services and domain types, {@code platform}, {@code protocol}. Nothing
 * depends on it (ArchitectureTest): removing the package removes the demo and nothing else.
 */
package dev.stallkeeper.demo;
