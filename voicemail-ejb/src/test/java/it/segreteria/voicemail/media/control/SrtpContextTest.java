package it.segreteria.voicemail.media.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class SrtpContextTest {

    private static final HexFormat HEX = HexFormat.of();

    /** RFC 3711 appendix B.3: the session keys derived from a master key and salt. */
    @Test
    void derivesTheSessionKeysOfRfc3711() throws Exception {
        byte[] masterKey = HEX.parseHex("E1F97A0D3E018BE0D64FA32C06DE4139");
        byte[] masterSalt = HEX.parseHex("0EC675AD498AFEEBB6960B3AABE6");
        assertThat(HEX.formatHex(SrtpContext.derive(masterKey, masterSalt, 0, 16)))
                .isEqualToIgnoringCase("C61E7A93744F39EE10734AFE3FF7A087");
        assertThat(HEX.formatHex(SrtpContext.derive(masterKey, masterSalt, 2, 14)))
                .isEqualToIgnoringCase("30CBBC08863D8C85D49DB34A9AE1");
        assertThat(HEX.formatHex(SrtpContext.derive(masterKey, masterSalt, 1, 20)))
                .isEqualToIgnoringCase("CEBE321F6FF7716B6FD4AB49AF256A156D38BAA4");
    }

    @Test
    void whatOneSideProtectsTheOtherUnprotectsOnceAndTamperingIsRefused() {
        byte[] master = new byte[SrtpContext.MASTER_LENGTH];
        new java.util.Random(7).nextBytes(master);
        for (SrtpContext.Suite suite : SrtpContext.Suite.values()) {
            SrtpContext sender = new SrtpContext(suite, master);
            SrtpContext receiver = new SrtpContext(suite, master);
            for (int sequence = 65530; sequence < 65550; sequence++) { // across the rollover
                byte[] rtp = packet(sequence & 0xFFFF);
                byte[] srtp = sender.protect(rtp, rtp.length, 12);
                assertThat(srtp).hasSize(rtp.length + suite.tagLength);
                assertThat(java.util.Arrays.copyOfRange(srtp, 12, rtp.length))
                        .as("the payload is encrypted")
                        .isNotEqualTo(java.util.Arrays.copyOfRange(rtp, 12, rtp.length));
                assertThat(receiver.unprotect(srtp, srtp.length, 12)).isEqualTo(rtp);
                assertThat(receiver.unprotect(srtp, srtp.length, 12))
                        .as("a replayed packet")
                        .isNull();
                byte[] tampered = srtp.clone();
                tampered[20] ^= 1;
                assertThat(receiver.unprotect(tampered, tampered.length, 12)).isNull();
            }
            SrtpContext stranger = new SrtpContext(suite, new byte[SrtpContext.MASTER_LENGTH]);
            byte[] rtp = packet(1);
            byte[] foreign = stranger.protect(rtp, rtp.length, 12);
            assertThat(new SrtpContext(suite, master).unprotect(foreign, foreign.length, 12))
                    .as("a packet under another key")
                    .isNull();
        }
    }

    @Test
    void aLatePacketWithinTheWindowIsAcceptedOnce() {
        byte[] master = new byte[SrtpContext.MASTER_LENGTH];
        SrtpContext sender = new SrtpContext(SrtpContext.Suite.AES_CM_128_HMAC_SHA1_80, master);
        SrtpContext receiver = new SrtpContext(SrtpContext.Suite.AES_CM_128_HMAC_SHA1_80, master);
        byte[][] sent = new byte[100][];
        for (int i = 0; i < 100; i++) {
            byte[] rtp = packet(i);
            sent[i] = sender.protect(rtp, rtp.length, 12);
        }
        for (int i = 0; i < 100; i += 2) {
            assertThat(receiver.unprotect(sent[i], sent[i].length, 12)).isNotNull();
        }
        assertThat(receiver.unprotect(sent[97], sent[97].length, 12)).as("late").isNotNull();
        assertThat(receiver.unprotect(sent[97], sent[97].length, 12)).as("again").isNull();
        assertThat(receiver.unprotect(sent[1], sent[1].length, 12)).as("too old").isNull();
    }

    private static byte[] packet(int sequence) {
        byte[] rtp = new byte[12 + 160];
        rtp[0] = (byte) 0x80;
        rtp[2] = (byte) (sequence >> 8);
        rtp[3] = (byte) sequence;
        rtp[8] = (byte) 0xCA;
        rtp[11] = 0x11;
        for (int i = 12; i < rtp.length; i++) {
            rtp[i] = (byte) (i * 7 + sequence);
        }
        return rtp;
    }
}
