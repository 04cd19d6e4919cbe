package it.segreteria.voicemail.audio;

import java.net.InetSocketAddress;

/**
 * The audio stream agreed with the caller: where their RTP goes to (address and port from their
 * SDP; symmetric RTP may correct it from the first packet), the codec and its payload type, and the
 * payload type of RFC 4733 telephone events, exactly as their SDP numbered it ({@code -1} when they
 * offered none).
 */
public record MediaDescription(
        InetSocketAddress remote, Codec codec, int audioPayloadType, int eventPayloadType) {

    public boolean hasTelephoneEvents() {
        return eventPayloadType >= 0;
    }
}
