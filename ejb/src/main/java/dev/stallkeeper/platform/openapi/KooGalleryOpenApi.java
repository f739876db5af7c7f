package dev.stallkeeper.platform.openapi;

import dev.stallkeeper.platform.StallkeeperConfig;
import dev.stallkeeper.protocol.ApigSigner;
import dev.stallkeeper.protocol.order.OrderInfo;
import dev.stallkeeper.protocol.order.QueryOrder;
import dev.stallkeeper.protocol.order.QueryOrderResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Client of the KooGallery open APIs Stallkeeper calls (Query Order), signed with the account's AK/SK.
 * Uses the JDK HTTP client with the JDK's default, strict certificate validation. When the base address is
 * the default {@code mkt.myhuaweicloud.com} and it cannot be reached, the documented fallback {@code .cn}
 * host is tried.
 */
@ApplicationScoped
public class KooGalleryOpenApi {

    private static final Logger LOG = Logger.getLogger(KooGalleryOpenApi.class);
    static final URI FALLBACK_BASE = URI.create("https://mkt.myhuaweicloud.cn");

    @Inject
    StallkeeperConfig config;

    @Inject
    Clock clock;

    private volatile HttpClient client;

    /** The order, or the given line of it. Throws {@link QueryOrderException} when it cannot be had now. */
    public QueryOrderResult queryOrder(String orderId, String orderLineId) {
        URI base = config.apiBase();
        try {
            return queryOrder(base, orderId, orderLineId);
        } catch (QueryOrderException e) {
            if (e.getCause() instanceof IOException
                    && base.equals(URI.create(StallkeeperConfig.DEFAULT_API_BASE))) {
                LOG.warnf("Query Order at %s failed (%s); trying %s", base, e.getMessage(), FALLBACK_BASE);
                return queryOrder(FALLBACK_BASE, orderId, orderLineId);
            }
            throw e;
        }
    }

    private QueryOrderResult queryOrder(URI base, String orderId, String orderLineId) {
        String ak = config.accessKeyId().orElseThrow(() ->
                new QueryOrderException("KOOGALLERY_AK is not configured", null, null));
        String sk = config.secretAccessKey().orElseThrow(() ->
                new QueryOrderException("KOOGALLERY_SK is not configured", null, null));
        StringBuilder query = new StringBuilder("orderId=").append(encode(orderId));
        if (orderLineId != null && !orderLineId.isBlank()) {
            query.append("&orderLineId=").append(encode(orderLineId));
        }
        URI uri = URI.create(base + QueryOrder.PATH + "?" + query);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        Map<String, String> signed = ApigSigner.sign("GET", uri, headers, new byte[0], ak, sk, clock.instant());
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET().timeout(config.openApiTimeout());
        signed.forEach((name, value) -> {
            if (!name.equalsIgnoreCase("host")) {
                request.header(name, value);
            }
        });
        HttpResponse<byte[]> response;
        try {
            response = client().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new QueryOrderException("Query Order for " + orderId + " failed: " + e, null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QueryOrderException("Query Order for " + orderId + " interrupted", null, e);
        }
        QueryOrderResponse parsed;
        try {
            parsed = QueryOrderResponse.parse(response.body());
        } catch (RuntimeException e) {
            throw new QueryOrderException("Query Order for " + orderId + " answered HTTP " + response.statusCode()
                    + " with a body that is not a Query Order response", null, e);
        }
        if (response.statusCode() != 200 || !QueryOrder.SUCCESS.equals(parsed.resultCode()) || parsed.orderInfo() == null) {
            throw new QueryOrderException("Query Order for " + orderId + " answered HTTP " + response.statusCode()
                    + " " + parsed.resultCode() + " " + parsed.resultMsg(), parsed.resultCode(), null);
        }
        return new QueryOrderResult(parsed.orderInfo(), new String(response.body(), StandardCharsets.UTF_8));
    }

    /** The HTTP client of every open-API call (strict TLS, no redirects, the configured connect timeout). */
    public HttpClient httpClient() {
        return client();
    }

    private HttpClient client() {
        HttpClient c = client;
        if (c == null) {
            synchronized (this) {
                c = client;
                if (c == null) {
                    c = HttpClient.newBuilder()
                            .connectTimeout(config.openApiTimeout())
                            .followRedirects(HttpClient.Redirect.NEVER)
                            .build();
                    client = c;
                }
            }
        }
        return c;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The parsed order and the exact JSON KooGallery sent (kept for the books). */
    public record QueryOrderResult(OrderInfo order, String rawJson) {
    }
}
