package dev.stallkeeper.simulator;

import com.sun.net.httpserver.HttpExchange;
import dev.stallkeeper.protocol.ApigSigner;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * Checks the APIG AK/SK signature (§7.4) of a request to the open API simulator, as the API gateway does: within
 * {@link #SIGNATURE_WINDOW} of KooGallery's clock, over the {@code Host} the caller signed ({@code authority} when it
 * sent none).
 */
record ApigVerifier(String ak, String sk, Clock clock, String authority) {

    /** Clock skew accepted on {@code X-Sdk-Date}, as the real API gateway does. */
    static final Duration SIGNATURE_WINDOW = Duration.ofMinutes(15);

    boolean valid(HttpExchange exchange, byte[] body) {
        Map<String, String> headers = HttpExchanges.headers(exchange);
        String host = headers.getOrDefault(ApigSigner.HEADER_HOST, authority);
        URI requestUri = exchange.getRequestURI();
        URI uri = URI.create("http://" + host + requestUri.getRawPath()
                + (requestUri.getRawQuery() == null ? "" : "?" + requestUri.getRawQuery()));
        return ApigSigner.verify(exchange.getRequestMethod(), uri, headers, body, ak, sk, SIGNATURE_WINDOW, clock);
    }
}
