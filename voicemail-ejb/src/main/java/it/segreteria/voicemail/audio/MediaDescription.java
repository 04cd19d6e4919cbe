package it.segreteria.voicemail.audio;

import java.net.InetSocketAddress;

/**
 * The audio stream agreed with the caller: where their RTP goes to (address and port from their
 * SDP; symmetric RTP may correct it from the first packet), the codec and its payload type, and the
 * payload type of RFC 4733 telephone events, exactly as their SDP numbered it ({@code -1} when they
 * offered none); and for SRTP (RTP/SAVP with SDES keys, RFC 4568) the keys of each direction.
 */
public record MediaDescription(
        InetSocketAddress remote,
        Codec codec,
        int audioPayloadType,
        int eventPayloadType,
        Srtp srtp) {

    /** Plain RTP. */
    public MediaDescription(
            InetSocketAddress remote, Codec codec, int audioPayloadType, int eventPayloadType) {
        this(remote, codec, audioPayloadType, eventPayloadType, null);
    }

    /**
     * The SDES crypto agreed for the stream (RFC 4568): its tag in the offer, the suite's SDP name,
     * the caller's master key and salt (what they send with) and ours (what we send with).
     */
    public record Srtp(int tag, String suite, byte[] inbound, byte[] outbound) {}

    public boolean secure() {
        return srtp != null;
    }

    public boolean hasTelephoneEvents() {
        return eventPayloadType >= 0;
    }
}
