package dev.stallkeeper.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CrossSiteRefusalTest {

    @ParameterizedTest
    @CsvSource({
            "http://localhost:8080, http, localhost:8080, true",
            "http://LOCALHOST:8080, http, localhost:8080, true",
            "https://seller.example, https, seller.example, true",
            "https://seller.example:443, https, seller.example, true",
            "http://seller.example, https, seller.example, false",
            "http://evil.example, http, localhost:8080, false",
            "http://localhost:8081, http, localhost:8080, false",
            "http://localhost.evil.example:8080, http, localhost:8080, false",
            "null, http, localhost:8080, false",
            "'', http, localhost:8080, false",
            "http://[::1]:8080, http, [::1]:8080, true",
    })
    void anOriginIsTheRequestsOwnOnlyWithTheSameSchemeHostAndPort(String origin, String scheme, String authority,
                                                                 boolean same) {
        assertThat(CrossSiteRefusal.sameOrigin(origin, scheme, authority)).isEqualTo(same);
    }
}
