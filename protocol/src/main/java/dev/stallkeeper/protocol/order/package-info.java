/**
 * The Query Order open API (spec §7.1): response messages, constants and the documented mock orders of the
 * debugging tool (§4.4). Requests are signed with {@link dev.stallkeeper.protocol.ApigSigner}.
 *
 * <p>The message records ignore unknown fields, because Huawei documents only part of the response, and omit null
 * fields when written.
 */
package dev.stallkeeper.protocol.order;
