package dev.stallkeeper.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.stallkeeper.protocol.ApigSigner;

import java.io.IOException;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code POST} {@value UsageReceiver#PATH} (§7.2): hands the push to the {@link UsageReceiver}, after the injected
 * failures and, when the push is APIG-signed too (§7.4), the AK/SK signature check; one console line per push.
 */
final class UsagePushHandler implements HttpHandler {

    private final UsageReceiver usage;
    private final ApigVerifier signature;
    private final FaultInjection faults;
    private final Consumer<String> events;

    UsagePushHandler(UsageReceiver usage, ApigVerifier signature, FaultInjection faults, Consumer<String> events) {
        this.usage = usage;
        this.signature = signature;
        this.faults = faults;
        this.events = events;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = HttpExchanges.readBody(exchange);
            faults.pause();
            Integer failStatus = faults.takeUsageFailure();
            if (failStatus != null) {
                events.accept("usage push: simulated failure " + FaultInjection.describe(failStatus));
                FaultInjection.failOrDrop(exchange, failStatus);
                return;
            }
            if (!"POST".equals(exchange.getRequestMethod())) {
                HttpExchanges.sendMethodNotAllowed(exchange, "POST");
                return;
            }
            Map<String, String> headers = HttpExchanges.headers(exchange);
            if (headers.containsKey(ApigSigner.HEADER_AUTHORIZATION) && !signature.valid(exchange, body)) {
                // Signed for the API gateway too (§7.4): then the AK/SK signature must be right.
                events.accept("usage push: HTTP 401 MKT.0154 (wrong APIG AK/SK signature)");
                HttpExchanges.sendIllegalToken(exchange);
                return;
            }
            UsageReceiver.Outcome outcome = usage.receive(headers, body);
            faults.holdUsageAnswer();
            Integer lost = outcome.callAccepted() ? faults.takeLostUsageAnswer() : null;
            if (lost != null) {
                events.accept("usage push: " + outcome.accepted() + " accepted, answer lost ("
                        + FaultInjection.describe(lost) + ")");
                FaultInjection.failOrDrop(exchange, lost);
                return;
            }
            events.accept(describe(outcome));
            HttpExchanges.send(exchange, outcome.httpStatus(), outcome.toJson());
        }
    }

    /** The console line of a judged push: status and result code, then what was accepted and refused. */
    private static String describe(UsageReceiver.Outcome outcome) {
        StringBuilder line = new StringBuilder("usage push: HTTP ").append(outcome.httpStatus()).append(' ')
                .append(outcome.resultCode());
        if (outcome.callAccepted()) {
            line.append(", ").append(outcome.accepted()).append(" accepted, ")
                    .append(outcome.failures().size()).append(" refused");
            outcome.failures().forEach(f -> line.append(System.lineSeparator()).append("  refused #")
                    .append(f.index()).append(' ').append(f.meteringSn()).append(": ").append(f.errorCode())
                    .append(' ').append(f.errorMsg()));
        } else {
            line.append(" ").append(outcome.resultMsg());
        }
        return line.toString();
    }
}
