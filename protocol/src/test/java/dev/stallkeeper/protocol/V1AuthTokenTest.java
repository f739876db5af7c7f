package dev.stallkeeper.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class V1AuthTokenTest {

    private static final String KEY = "xxxxxxx";

    /** Decodes a query string the way a servlet container does, keeping '%2B' as '+'. */
    private static Map<String, String> query(String q) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : q.split("&")) {
            int eq = pair.indexOf('=');
            params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    @Test
    @DisplayName("TV-1: V1 authToken of the Huawei sample newInstance request")
    void tv1() {
        Map<String, String> params = query("activity=newInstance&businessId=61e834ba-7b97-4418-b8f7-e5345137278c"
                + "&customerId=68cbc86abc2018ab880d92f36422fa0e&expireTime=20200727153156&orderId=CS1906666666ABCDE"
                + "&productId=00301-666666-0--0&testFlag=1&timeStamp=20200727073711903"
                + "&authToken=Gzbfjf9LHRBcI3bFVi%2B%2BsLinCNOBF6qa7is1fvjEgYQ%3D");

        assertThat(V1AuthToken.stringToSign(params)).isEqualTo("activity=newInstance"
                + "&businessId=61e834ba-7b97-4418-b8f7-e5345137278c&customerId=68cbc86abc2018ab880d92f36422fa0e"
                + "&expireTime=20200727153156&orderId=CS1906666666ABCDE&productId=00301-666666-0--0&testFlag=1"
                + "&timeStamp=20200727073711903");
        assertThat(V1AuthToken.compute(KEY, params)).isEqualTo("Gzbfjf9LHRBcI3bFVi++sLinCNOBF6qa7is1fvjEgYQ=");
        assertThat(V1AuthToken.verify(KEY, params, params.get("authToken"))).isTrue();
        // A '+' decoded as a space (unencoded in the URL) must not verify.
        assertThat(V1AuthToken.verify(KEY, params, "Gzbfjf9LHRBcI3bFVi  sLinCNOBF6qa7is1fvjEgYQ=")).isFalse();
    }

    @Test
    @DisplayName("TV-2: V1 authToken for freeze")
    void tv2() {
        Map<String, String> params = query("activity=instanceStatus&instanceId=huaweitest123456"
                + "&instanceStatus=FREEZE&testFlag=1&timeStamp=20230327070251713");
        assertThat(V1AuthToken.compute(KEY, params)).isEqualTo("ZSOkS/1f2/y5l0qBour/5o72VITGX3TepEUYypc4vMc=");
    }

    @Test
    @DisplayName("TV-3: V1 authToken for release, parameter order irrelevant")
    void tv3() {
        Map<String, String> params = query("timeStamp=20200727073711903&testFlag=1&orderId=CS1906666666ABCDE"
                + "&instanceId=61e834ba-7b97-4418-b8f7-e5345137278c&activity=releaseInstance");
        assertThat(V1AuthToken.compute(KEY, params)).isEqualTo("y6F8cVar8VWt0yCBsFFqg4hj6CSYlqmLrclfSqpclh8=");
    }

    @Test
    void verifyIsCaseSensitiveAndRejectsOtherKeyOrChangedParams() {
        Map<String, String> params = query("activity=releaseInstance&instanceId=61e834ba-7b97-4418-b8f7-e5345137278c"
                + "&orderId=CS1906666666ABCDE&testFlag=1&timeStamp=20200727073711903");
        String token = "y6F8cVar8VWt0yCBsFFqg4hj6CSYlqmLrclfSqpclh8=";
        assertThat(V1AuthToken.verify(KEY, params, token)).isTrue();
        assertThat(V1AuthToken.verify(KEY, params, token.toLowerCase())).isFalse();
        assertThat(V1AuthToken.verify("yyyyyyy", params, token)).isFalse();
        params.put("testFlag", "0");
        assertThat(V1AuthToken.verify(KEY, params, token)).isFalse();
        assertThat(V1AuthToken.verify(KEY, params, null)).isFalse();
        assertThat(V1AuthToken.verify(KEY, Map.of("activity", "x"), token)).isFalse();
    }

    @Test
    void computeWithoutTimeStampIsRejected() {
        assertThatThrownBy(() -> V1AuthToken.compute(KEY, Map.of("activity", "newInstance")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeStamp");
    }
}
