package dev.stallkeeper.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ResultCodeAndActivityTest {

    @Test
    void resultCodesMatchSection3() {
        assertThat(Arrays.stream(ResultCode.values()).map(rc -> rc.code() + " " + rc.defaultMessage())).containsExactly(
                "000000 success.", "000001 token is invalid", "000002 param is invalid", "000003 instance is invalid",
                "000004 request is processing", "000005 other inner error", "000100 no available resource",
                "000104 internal service error on create", "000106 sold out",
                "000101 something wrong with appSecret");
        assertThat(ResultCode.fromCode("000101")).contains(ResultCode.APP_SECRET_INVALID);
        assertThat(ResultCode.fromCode("000003")).contains(ResultCode.INSTANCE_NOT_FOUND);
        assertThat(ResultCode.fromCode("3")).isEmpty();
        assertThat(ResultCode.fromCode(null)).isEmpty();
        assertThat(ResultCode.SUCCESS.isSuccess()).isTrue();
        assertThat(ResultCode.PROCESSING.isSuccess()).isFalse();
    }

    @Test
    void activitiesAreExactAndCaseSensitive() {
        assertThat(Arrays.stream(Activity.values()).map(Activity::wireName)).containsExactly("newInstance",
                "queryInstance", "refreshInstance", "updateInstanceStatus", "releaseInstance", "upgradeInstance",
                "changeInstanceCheck", "orderNotify");
        for (Activity a : Activity.values()) {
            assertThat(Activity.fromWire(a.wireName())).contains(a);
        }
        assertThat(Activity.fromWire("NewInstance")).isEmpty();
        assertThat(Activity.fromWire(" newInstance")).isEmpty();
        assertThat(Activity.fromWire(null)).isEmpty();
    }
}
