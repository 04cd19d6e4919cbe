package it.segreteria.voicemail.call.control;

import it.segreteria.voicemail.audio.MediaDescription;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A new call as the signalling adapter read it.
 *
 * @param calledNumbers every number the call was for, in the order routing tries them
 * @param offer the caller's media, or empty for a late offer (the answer comes with the ACK)
 * @param sessionExpires the session interval agreed under RFC 4028, empty without session timers
 * @param source the address the call came from (for the limits per source); null if unknown
 * @param failover why the call came to us instead of the PBX, when the INVITE says the PBX failed
 *     it (a {@code Diversion} with reason {@code out-of-service}, a {@code History-Info} entry with
 *     a 5xx cause); believed only from a trusted source
 */
public record InboundCall(
        String callId,
        List<String> calledNumbers,
        String callerNumber,
        String callerName,
        String originalCalledNumber,
        Optional<MediaDescription> offer,
        Optional<Duration> sessionExpires,
        java.net.InetAddress source,
        Optional<String> failover) {}
