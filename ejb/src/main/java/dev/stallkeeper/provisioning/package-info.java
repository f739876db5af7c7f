/**
 * Provisioning: the instances KooGallery's orders create and their lifecycle (new, renew, freeze, unfreeze,
 * upgrade, release), the callback pipeline's application side (nonce claim, one transaction per activity, the
 * durable work items that provisioning which takes time waits in) and the seller's provisioner SPI ({@code spi}).
 *
 * <p>Owns: instance, instance_order, instance_event, work_item, order_line, tenant. Announces what happened to an
 * instance as {@link dev.stallkeeper.provisioning.domain.LifecycleEvent}s (CDI, in the transaction) instead of
 * calling the contexts that care.
 *
 * <p>May use: {@code audit} (the callback journal), {@code catalog} (products learnt from orders), {@code platform},
 * {@code protocol}. Never billing, usage, supervision, invoicing, notification: they listen or ask.
 */
package dev.stallkeeper.provisioning;
