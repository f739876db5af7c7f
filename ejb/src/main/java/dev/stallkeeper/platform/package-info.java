/**
 * Platform: the shared kernel every context may use: configuration, clocks, schema migrations, secrets sealing,
 * job claims and leases (job_claim is its table), health and metrics gauges, list paging, the production guard, the
 * one clock and {@code DemoTime} (the only thing that may move it: the quick start's demo month, package {@code demo}), and the KooGallery open-API client ({@code openapi}: Query Order and usage push, one HTTP client).
 *
 * <p>May use: {@code protocol} only. Never a context: a kernel that calls up makes cycles.
 */
package dev.stallkeeper.platform;
