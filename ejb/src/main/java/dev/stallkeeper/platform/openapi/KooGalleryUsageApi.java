package dev.stallkeeper.platform.openapi;

import dev.stallkeeper.platform.StallkeeperConfig;
import dev.stallkeeper.protocol.ApigSigner;
import dev.stallkeeper.protocol.MalformedBodyException;
import dev.stallkeeper.protocol.UsagePushMessage;
import dev.stallkeeper.protocol.UsagePushSignature;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * KooGallery's pay-per-use usage push (spec §7.2): {@code POST {KOOGALLERY_API_BASE}/api/mkp-openapi-public/global/
 * v1/isv/usage-data} with the {@code signature}/{@code ts}/{@code nonce} headers over the exact body, signed with the
 * basic-interface key (the first of {@code KOOGALLERY_KEY}); when {@code KOOGALLERY_AK}/{@code KOOGALLERY_SK} are
 * set the call is also APIG-signed (§7.4), as every KooGallery open API behind the API gateway. Same HTTP client as
 * Query Order (strict TLS); the documented {@code .cn} host is tried when the default host cannot be reached.
 */
@ApplicationScoped
public class KooGalleryUsageApi {

    private static final Logger LOG = Logger.getLogger(KooGalleryUsageApi.class);
    static final URI FALLBACK_BASE = URI.create("https://mkt.myhuaweicloud.cn");

    @Inject
    StallkeeperConfig config;

    @Inject
    KooGalleryOpenApi openApi;

    @Inject
    Clock clock;

    /** KooGallery's answer to one call; {@code response} is null when the body was not JSON. */
    public record Answer(int httpStatus, UsagePushMessage.Response response, String preview) {
        /** The call was taken (its records were judged one by one). */
        public boolean taken() {
            return httpStatus == 200 && response != null && response.success();
        }

        public String describe() {
            return "HTTP " + httpStatus + (response == null ? " " + preview
                    : " " + response.resultCode() + " " + response.resultMsg());
        }
    }

    /** The call could not be made or answered (network, timeout, configuration). */
    public static class PushFailure extends Exception {
        private static final long serialVersionUID = 1L;

        public PushFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Sends one canonical body (from {@link UsagePushMessage#body}) exactly as given. */
    public Answer send(String body) throws PushFailure {
        URI base = config.apiBase();
        try {
            return send(base, body);
        } catch (PushFailure e) {
            if (e.getCause() instanceof IOException && base.equals(URI.create(StallkeeperConfig.DEFAULT_API_BASE))) {
                LOG.warnf("Usage push to %s failed (%s); trying %s", base, e.getMessage(), FALLBACK_BASE);
                return send(FALLBACK_BASE, body);
            }
            throw e;
        }
    }

    private Answer send(URI base, String body) throws PushFailure {
        List<String> keys = config.koogalleryKeys();
        if (keys.isEmpty()) {
            throw new PushFailure("KOOGALLERY_KEY is not configured: usage pushes are signed with it", null);
        }
        URI uri = URI.create(base + UsagePushMessage.PATH);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        Instant now = clock.instant();
        String ts = Long.toString(now.toEpochMilli());
        String nonce = UUID.randomUUID().toString();
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(config.openApiTimeout())
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
                .header("signature", UsagePushSignature.sign(keys.get(0), ts, nonce, body))
                .header("ts", ts)
                .header("nonce", nonce);
        Map<String, String> headers = Map.of("Content-Type", "application/json;charset=UTF-8");
        if (config.accessKeyId().isPresent() && config.secretAccessKey().isPresent()) {
            headers = ApigSigner.sign("POST", uri, headers, bytes, config.accessKeyId().get(),
                    config.secretAccessKey().get(), now);
        }
        headers.forEach((name, value) -> {
            if (!name.equalsIgnoreCase("host")) {
                request.header(name, value);
            }
        });
        HttpResponse<byte[]> response;
        try {
            response = openApi.httpClient().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new PushFailure("usage push to " + base + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PushFailure("usage push to " + base + " interrupted", e);
        }
        UsagePushMessage.Response parsed;
        try {
            parsed = UsagePushMessage.parseResponse(response.body());
        } catch (MalformedBodyException e) {
            parsed = null;
        }
        return new Answer(response.statusCode(), parsed, UsagePushMessage.preview(response.body()));
    }
}
