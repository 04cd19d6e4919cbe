package it.segreteria.voicemail.sip.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.channels.Channel;
import org.junit.jupiter.api.Test;

class ConnectionLimitsTest {

    private static final class FakeConnection implements Channel {
        boolean open = true;

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void close() {
            open = false;
        }
    }

    private static InetAddress address(String ip) throws Exception {
        return InetAddress.getByName(ip);
    }

    @Test
    void aSourceGetsNoMoreThanItsCapWhileOthersStillConnect() throws Exception {
        ConnectionLimits limits = new ConnectionLimits(3, 10);
        for (int i = 0; i < 3; i++) {
            assertThat(limits.admit(address("192.0.2.1"), new FakeConnection())).isTrue();
        }

        assertThat(limits.admit(address("192.0.2.1"), new FakeConnection())).isFalse();
        assertThat(limits.admit(address("192.0.2.2"), new FakeConnection())).isTrue();
        assertThat(limits.refused()).isEqualTo(1);
        assertThat(limits.open()).isEqualTo(4);
    }

    @Test
    void theTotalCapHoldsAcrossSources() throws Exception {
        ConnectionLimits limits = new ConnectionLimits(2, 3);
        assertThat(limits.admit(address("192.0.2.1"), new FakeConnection())).isTrue();
        assertThat(limits.admit(address("192.0.2.2"), new FakeConnection())).isTrue();
        assertThat(limits.admit(address("192.0.2.3"), new FakeConnection())).isTrue();

        assertThat(limits.admit(address("192.0.2.4"), new FakeConnection())).isFalse();
    }

    @Test
    void closedConnectionsFreeTheirPlace() throws Exception {
        ConnectionLimits limits = new ConnectionLimits(2, 2);
        FakeConnection first = new FakeConnection();
        limits.admit(address("192.0.2.1"), first);
        limits.admit(address("192.0.2.1"), new FakeConnection());
        assertThat(limits.admit(address("192.0.2.2"), new FakeConnection())).isFalse();

        first.close();

        assertThat(limits.admit(address("192.0.2.2"), new FakeConnection())).isTrue();
        assertThat(limits.admit(address("192.0.2.1"), new FakeConnection())).isFalse();
        assertThat(limits.open()).isEqualTo(2);
    }

    @Test
    void capsMustMakeSense() {
        assertThatThrownBy(() -> new ConnectionLimits(0, 10))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ConnectionLimits(10, 5))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
