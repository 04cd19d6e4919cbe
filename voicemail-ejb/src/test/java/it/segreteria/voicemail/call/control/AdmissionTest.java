package it.segreteria.voicemail.call.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class AdmissionTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    private Admission admission(List<String> trusted) {
        return new Admission(
                new AdmissionSettings(
                        10, 5, 2, 3, trusted.stream().map(AddressRange::parse).toList()),
                now::get);
    }

    private static InetAddress ip(String text) throws Exception {
        return InetAddress.getByName(text);
    }

    @Test
    void aSourceMayBurstThenOnlyAtItsRate() throws Exception {
        Admission admission = admission(List.of());
        for (int i = 0; i < 5; i++) {
            assertThat(admission.withinRate(ip("192.0.2.1"))).as("burst %d", i).isTrue();
        }
        assertThat(admission.withinRate(ip("192.0.2.1"))).isFalse();
        assertThat(admission.withinRate(ip("192.0.2.2"))).as("another source").isTrue();

        now.addAndGet(100_000_000L); // 0.1 s at 10 a second: one more

        assertThat(admission.withinRate(ip("192.0.2.1"))).isTrue();
        assertThat(admission.withinRate(ip("192.0.2.1"))).isFalse();
        assertThat(admission.throttled()).isEqualTo(2);
    }

    @Test
    void callsInProgressAreCappedPerSourceAndFreedWhenTheyEnd() throws Exception {
        Admission admission = admission(List.of());
        assertThat(admission.startCall(ip("192.0.2.1"))).isTrue();
        assertThat(admission.startCall(ip("192.0.2.1"))).isTrue();
        assertThat(admission.startCall(ip("192.0.2.1"))).isFalse();
        assertThat(admission.startCall(ip("192.0.2.2"))).isTrue();

        admission.endCall(ip("192.0.2.1"));

        assertThat(admission.startCall(ip("192.0.2.1"))).isTrue();
    }

    @Test
    void callsAreCappedPerTenant() {
        Admission admission = admission(List.of());
        for (int i = 0; i < 3; i++) {
            assertThat(admission.startTenantCall("acme")).isTrue();
        }
        assertThat(admission.startTenantCall("acme")).isFalse();
        assertThat(admission.startTenantCall("globex")).isTrue();

        admission.endTenantCall("acme");

        assertThat(admission.startTenantCall("acme")).isTrue();
    }

    @Test
    void trustedSourcesSkipThePerSourceLimits() throws Exception {
        Admission admission = admission(List.of("10.0.0.0/8", "2001:db8::1"));
        for (int i = 0; i < 100; i++) {
            assertThat(admission.withinRate(ip("10.1.2.3"))).isTrue();
            assertThat(admission.startCall(ip("10.1.2.3"))).isTrue();
            assertThat(admission.withinRate(ip("2001:db8::1"))).isTrue();
        }
        for (int i = 0; i < 5; i++) {
            admission.withinRate(ip("2001:db8::2"));
        }
        assertThat(admission.withinRate(ip("2001:db8::2"))).as("not in the list").isFalse();
        assertThat(admission.withinRate(ip("11.0.0.1"))).isTrue();
    }

    @Test
    void addressRangesMatchByPrefix() throws Exception {
        assertThat(AddressRange.parse("192.168.4.0/22").contains(ip("192.168.7.255"))).isTrue();
        assertThat(AddressRange.parse("192.168.4.0/22").contains(ip("192.168.8.0"))).isFalse();
        assertThat(AddressRange.parse("192.0.2.7").contains(ip("192.0.2.7"))).isTrue();
        assertThat(AddressRange.parse("192.0.2.7").contains(ip("192.0.2.8"))).isFalse();
        assertThat(AddressRange.parse("0.0.0.0/0").contains(ip("203.0.113.1"))).isTrue();
        assertThat(AddressRange.parse("::/0").contains(ip("192.0.2.1"))).as("v4 vs v6").isFalse();
        assertThatThrownBy(() -> AddressRange.parse("pbx.example.com"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AddressRange.parse("10.0.0.0/33"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
