/**
 * Usage: pay-per-use records received from the seller's application, their validation, and their push to
 * KooGallery (retried, parked after the last attempt).
 *
 * <p>Owns: usage_record and its push state.
 *
 * <p>May use: {@code provisioning} (instances the records are for), {@code billing}, {@code platform} (the
 * KooGallery open-API client), {@code protocol}.
 */
package dev.stallkeeper.usage;
