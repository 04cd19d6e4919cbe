package it.segreteria.voicemail.sip.control;

import static org.assertj.core.api.Assertions.assertThat;

import it.segreteria.voicemail.audio.Codec;
import it.segreteria.voicemail.audio.MediaDescription;
import org.junit.jupiter.api.Test;

class SdpTest {

    private static final String SIPP_OFFER =
            "v=0\r\no=user1 53655765 2353687637 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                    + "m=audio 6000 RTP/AVP 0 96\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:96 telephone-event/8000\r\n";

    @Test
    void takesTheCallersFirstCodecAndTheirTelephoneEventType() {
        MediaDescription audio = Sdp.negotiate(SIPP_OFFER).orElseThrow().audio();

        assertThat(audio.codec()).isEqualTo(Codec.PCMU);
        assertThat(audio.audioPayloadType()).isZero();
        assertThat(audio.eventPayloadType()).isEqualTo(96);
        assertThat(audio.remote().getHostString()).isEqualTo("127.0.0.1");
        assertThat(audio.remote().getPort()).isEqualTo(6000);
    }

    @Test
    void followsTheCallersPreferenceAndSkipsWhatWeCannotDo() {
        String offer =
                "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nt=0 0\r\n"
                        + "m=audio 4000 RTP/AVP 9 18 8 0 101\r\nc=IN IP4 10.0.0.2\r\n"
                        + "a=rtpmap:9 G722/8000\r\na=rtpmap:8 PCMA/8000\r\na=rtpmap:101 telephone-event/8000\r\n"
                        + "a=fmtp:101 0-16\r\na=sendrecv\r\n";
        MediaDescription audio = Sdp.negotiate(offer).orElseThrow().audio();

        assertThat(audio.codec()).isEqualTo(Codec.PCMA);
        assertThat(audio.remote().getHostString()).as("media-level c= wins").isEqualTo("10.0.0.2");
        assertThat(audio.eventPayloadType()).isEqualTo(101);
    }

    @Test
    void noCommonCodecOrNoAudioIsNoDeal() {
        assertThat(
                        Sdp.negotiate(
                                SIPP_OFFER
                                        .replace("RTP/AVP 0 96", "RTP/AVP 18 96")
                                        .replace("a=rtpmap:0 PCMU/8000\r\n", "")))
                .isEmpty();
        assertThat(Sdp.negotiate("v=0\r\nc=IN IP4 1.2.3.4\r\nm=video 5000 RTP/AVP 31\r\n"))
                .isEmpty();
        assertThat(Sdp.negotiate("garbage")).isEmpty();
        assertThat(Sdp.negotiate("")).isEmpty();
        assertThat(Sdp.negotiate(null)).isEmpty();
    }

    @Test
    void theAnswerMirrorsTheOfferLineByLineAndUsesTheirEventType() {
        String offer =
                "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.1\r\nt=0 0\r\n"
                        + "m=video 5002 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\n"
                        + "m=audio 4000 RTP/AVP 8 97\r\na=rtpmap:97 telephone-event/8000\r\na=sendonly\r\n";
        String answer = Sdp.answer(Sdp.negotiate(offer).orElseThrow(), "192.0.2.5", 20000, 7);

        assertThat(answer)
                .contains("c=IN IP4 192.0.2.5\r\n")
                .contains("m=video 0 RTP/AVP 96\r\n")
                .contains("m=audio 20000 RTP/AVP 8 97\r\n")
                .contains("a=rtpmap:8 PCMA/8000\r\n")
                .contains("a=rtpmap:97 telephone-event/8000\r\n")
                .contains("a=recvonly\r\n");
        assertThat(answer.indexOf("m=video")).isLessThan(answer.indexOf("m=audio"));
        assertThat(Sdp.negotiate(answer)).as("our answer is itself valid SDP for us").isPresent();
    }

    @Test
    void ourLateOfferOffersBothLawsAndEvents() {
        String offer = Sdp.offer("127.0.0.1", 20002, 1);
        assertThat(offer).contains("m=audio 20002 RTP/AVP 0 8 101\r\n");
        assertThat(Sdp.negotiate(offer).orElseThrow().audio().eventPayloadType()).isEqualTo(101);
    }

    private static final String KEY = "WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz"; // 30 bytes

    private static String savp(String... crypto) {
        StringBuilder sdp =
                new StringBuilder(
                        "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.1\r\nt=0 0\r\n"
                                + "m=audio 4000 RTP/SAVP 0 101\r\na=rtpmap:101 telephone-event/8000\r\n");
        for (String line : crypto) {
            sdp.append("a=crypto:").append(line).append("\r\n");
        }
        return sdp.toString();
    }

    @Test
    void anSrtpOfferIsAnsweredWithAKeyOfOurOwn() {
        Sdp.Offer offer =
                Sdp.negotiate(
                                savp(
                                        "1 F8_128_HMAC_SHA1_80 inline:" + KEY,
                                        "2 AES_CM_128_HMAC_SHA1_32 inline:" + KEY + "|2^20",
                                        "3 AES_CM_128_HMAC_SHA1_80 inline:" + KEY))
                        .orElseThrow();
        MediaDescription.Srtp srtp = offer.audio().srtp();
        assertThat(srtp.tag()).as("our preferred suite among those offered").isEqualTo(3);
        assertThat(srtp.suite()).isEqualTo("AES_CM_128_HMAC_SHA1_80");
        assertThat(srtp.inbound()).isEqualTo(java.util.Base64.getDecoder().decode(KEY));
        assertThat(srtp.outbound()).hasSize(30).isNotEqualTo(srtp.inbound());

        String answer = Sdp.answer(offer, "127.0.0.1", 20000, 1);
        assertThat(answer).contains("m=audio 20000 RTP/SAVP 0 101\r\n");
        assertThat(answer)
                .contains(
                        "a=crypto:3 AES_CM_128_HMAC_SHA1_80 inline:"
                                + java.util.Base64.getEncoder().encodeToString(srtp.outbound())
                                + "\r\n");
    }

    @Test
    void srtpWithoutKeysWeCanUseIsRefusedNeverAnsweredInTheClear() {
        assertThat(Sdp.negotiate(savp())).isEmpty();
        assertThat(Sdp.negotiate(savp("1 F8_128_HMAC_SHA1_80 inline:" + KEY))).isEmpty();
        assertThat(Sdp.negotiate(savp("1 AES_CM_128_HMAC_SHA1_80 inline:" + KEY + "|2^20|1:4")))
                .as("an MKI")
                .isEmpty();
        assertThat(
                        Sdp.negotiate(
                                savp(
                                        "1 AES_CM_128_HMAC_SHA1_80 inline:"
                                                + KEY
                                                + " FEC_ORDER=FEC_SRTP")))
                .as("session parameters")
                .isEmpty();
        assertThat(Sdp.negotiate(SIPP_OFFER).orElseThrow().audio().secure()).isFalse();
    }
}
