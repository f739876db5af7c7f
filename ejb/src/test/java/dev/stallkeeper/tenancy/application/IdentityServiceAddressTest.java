package dev.stallkeeper.tenancy.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IdentityServiceAddressTest {

    /** A resolver with fixed answers: no DNS in a unit test. */
    private static final IdentityServiceAddress.Resolver DNS = host -> {
        Map<String, String> names = Map.of("idp.tenant.example", "203.0.113.10", "intranet.example", "10.1.2.3",
                "meta.example", "169.254.169.254", "v6.example", "fd00::1", "cgnat.example", "100.64.1.1");
        String ip = names.get(host);
        if (ip == null && !host.matches("[0-9.:a-f]+")) {
            throw new UnknownHostException(host);
        }
        return new InetAddress[] {InetAddress.getByName(ip != null ? ip : host)};
    };

    private static String refusal(String url, List<String> allowed, boolean allowLocal) {
        return IdentityServiceAddress.refusal(URI.create(url), allowed, allowLocal, DNS).orElse("ok");
    }

    @Test
    void aPublicHttpsHostMayBeCalled() {
        assertThat(refusal("https://idp.tenant.example", List.of(), false)).isEqualTo("ok");
    }

    @Test
    void plainHttpLocalAndPrivateAddressesAreRefused() {
        assertThat(refusal("http://idp.tenant.example", List.of(), false)).contains("not HTTPS");
        assertThat(refusal("https://127.0.0.1:8443", List.of(), false)).contains("local or private");
        assertThat(refusal("https://intranet.example", List.of(), false)).contains("local or private");
        assertThat(refusal("https://meta.example", List.of(), false)).as("cloud metadata").contains("local or private");
        assertThat(refusal("https://v6.example", List.of(), false)).contains("local or private");
        assertThat(refusal("https://cgnat.example", List.of(), false)).contains("local or private");
        assertThat(refusal("https://[::1]", List.of(), false)).contains("local or private");
        assertThat(refusal("https://nowhere.invalid", List.of(), false)).contains("does not resolve");
    }

    @Test
    void theAllowListNamesHostsAndTheirSubdomains() {
        List<String> allowed = List.of("tenant.example", "sso.other.example");
        assertThat(refusal("https://idp.tenant.example", allowed, false)).isEqualTo("ok");
        assertThat(refusal("https://sso.other.example.evil.example", allowed, false)).contains("not in STALLKEEPER_SSO_ALLOWED_HOSTS");
        assertThat(refusal("https://eviltenant.example", allowed, false)).contains("not in STALLKEEPER_SSO_ALLOWED_HOSTS");
    }

    @Test
    void localTestsMayUsePlainHttpOnLoopback() {
        assertThat(refusal("http://127.0.0.1:18181", List.of(), true)).isEqualTo("ok");
        assertThat(refusal("http://127.0.0.1:18181", List.of("idp.example"), true)).contains("not in");
    }
}
