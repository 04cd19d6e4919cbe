package it.segreteria.voicemail.media.control;

import it.segreteria.voicemail.audio.Codec;
import it.segreteria.voicemail.audio.Loudness;
import it.segreteria.voicemail.audio.MediaDescription;
import it.segreteria.voicemail.audio.Prompt;
import it.segreteria.voicemail.audio.Recording;
import it.segreteria.voicemail.call.control.MediaChannel;
import it.segreteria.voicemail.call.control.MediaEvents;
import it.segreteria.voicemail.media.entity.RtpPacket;
import it.segreteria.voicemail.media.entity.TelephoneEvents;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One call's RTP: a UDP port, the audio it plays (paced by the engine's media clock) and the audio
 * it records. Symmetric RTP: once the caller's first packet arrives, audio goes back to where it
 * came from, which also works behind NAT. Packets are read by the engine's receive thread, frames
 * are sent by its clock thread, and the call starts and stops playback and recording from its own
 * thread; the small shared state is guarded by this object.
 */
public final class RtpSession implements MediaChannel {

    private static final int FRAME = Codec.SAMPLES_PER_FRAME;
    private static final long FRAME_NANOS = 20_000_000L;
    private static final int COMFORT_NOISE = 13; // RFC 3389

    /** Late packets further behind the newest one than this are not waited for by checkpoints. */
    private static final int SETTLING_SAMPLES = Codec.SAMPLE_RATE;

    /**
     * How far a prompt may lag behind the wall clock before frames are skipped: when the machine is
     * overloaded the clock thread runs late, and a prompt that slowed down with it would make every
     * caller start speaking before the tone (their phone does not wait for us).
     */
    private static final int MAX_LAG_SAMPLES = 3 * FRAME;

    private final MediaEngine engine;
    private final DatagramChannel channel;
    private final int localPort;

    private volatile MediaDescription media;
    private volatile InetSocketAddress remote; // where audio goes; null until confirmed
    private volatile InetSocketAddress described; // the SDP's address
    private volatile boolean latched;
    private volatile long strayPackets;
    private volatile MediaEvents listener;
    private volatile long lastReceivedNanos = System.nanoTime();

    private volatile long silenceLimitNanos = Long.MAX_VALUE;

    // SRTP (null for plain RTP): the sender's context is the clock thread's, the receiver's the
    // receive thread's; both are replaced when an offer brings new keys
    private volatile SrtpContext sending;
    private volatile SrtpContext receiving;
    private volatile byte[] receivingKey;

    // clock thread only
    private final ByteBuffer out = ByteBuffer.allocate(RtpPacket.HEADER + FRAME);
    private final byte[] frame = new byte[FRAME];
    // random starting points (RFC 3550); nothing secret rides on them, and SecureRandom is one
    // lock that every new call contended for
    private int sequence = ThreadLocalRandom.current().nextInt(1 << 16);
    private long timestamp = ThreadLocalRandom.current().nextInt() & 0xFFFFFFFFL;
    private final long ssrc = ThreadLocalRandom.current().nextInt() & 0xFFFFFFFFL;
    private boolean first = true;

    // receive thread only
    private final TelephoneEvents events = new TelephoneEvents();
    private final byte[] payload = new byte[2048];

    // guarded by this
    private Prompt playing;
    private int playedSamples;
    private long playStartNanos;
    private Recording recording;
    private boolean fullReported;
    private boolean silenceReported;
    private long lastSpeechNanos;

    /**
     * Where the audio received here goes when the call is bridged (to be sent by that session's
     * clock); null while not bridged.
     */
    private volatile RtpSession bridgedTo;

    /**
     * Audio of the other leg of a bridge, as linear samples, waiting for this session's clock: at
     * most {@value #RELAY_MAX} samples (a late or bursty peer loses its oldest audio, not the
     * call's timing). Guarded by itself.
     */
    private final short[] relay = new short[RELAY_MAX];

    private int relayStart;
    private int relayLength;
    private static final int RELAY_MAX = 8 * FRAME;

    RtpSession(MediaEngine engine, DatagramChannel channel, int localPort, MediaEvents events) {
        this.engine = engine;
        this.listener = events;
        this.channel = channel;
        this.localPort = localPort;
    }

    @Override
    public int localPort() {
        return localPort;
    }

    @Override
    public void connect(MediaDescription description, boolean confirmed) {
        lastReceivedNanos = System.nanoTime();
        InetSocketAddress address = description.remote();
        described = address;
        if (!latched && confirmed && !address.isUnresolved()) {
            this.remote = address;
        }
        MediaDescription.Srtp srtp = description.srtp();
        if (srtp == null) {
            sending = null;
            receiving = null;
            receivingKey = null;
        } else {
            SrtpContext.Suite suite = SrtpContext.Suite.named(srtp.suite());
            sending = new SrtpContext(suite, srtp.outbound());
            if (!Arrays.equals(srtp.inbound(), receivingKey)) { // the same stream goes on
                receiving = new SrtpContext(suite, srtp.inbound());
                receivingKey = srtp.inbound();
            }
        }
        this.media = description;
    }

    /** Packets that came from another address than the one the stream latched to. */
    long strayPackets() {
        return strayPackets;
    }

    @Override
    public void bridge(MediaChannel other) {
        RtpSession peer = other instanceof RtpSession session ? session : null;
        bridgedTo = peer;
        if (peer != null) {
            peer.bridgedTo = this;
        }
    }

    /** Receive thread: audio of the other leg, to be sent by this session's clock. */
    private void relay(Codec codec, byte[] audio, int length) {
        synchronized (relay) {
            for (int i = 0; i < length; i++) {
                if (relayLength == RELAY_MAX) { // full: the oldest sample goes
                    relayStart = (relayStart + 1) % RELAY_MAX;
                    relayLength--;
                }
                relay[(relayStart + relayLength) % RELAY_MAX] = codec.decode(audio[i]);
                relayLength++;
            }
        }
    }

    /** Clock thread: one frame of the other leg's audio in our codec, if a whole one is waiting. */
    private boolean relayed(Codec codec, byte[] into) {
        synchronized (relay) {
            if (relayLength < FRAME) {
                return false;
            }
            for (int i = 0; i < FRAME; i++) {
                into[i] = codec.encode(relay[relayStart]);
                relayStart = (relayStart + 1) % RELAY_MAX;
            }
            relayLength -= FRAME;
            return true;
        }
    }

    @Override
    public synchronized void play(Prompt prompt) {
        playing = prompt;
        playedSamples = 0;
        playStartNanos = System.nanoTime();
    }

    @Override
    public synchronized int playedSamples() {
        return playedSamples;
    }

    @Override
    public synchronized void stopPlayback() {
        playing = null;
    }

    /**
     * Starts a recording; {@code silenceLimitMillis} of no speech reports {@link
     * MediaEvents#silenceTimedOut}.
     */
    @Override
    public synchronized void startRecording(int maxSamples, long silenceLimitMillis) {
        recording = new Recording(media.codec(), maxSamples);
        fullReported = false;
        silenceReported = false;
        lastSpeechNanos = System.nanoTime();
        silenceLimitNanos = silenceLimitMillis * 1_000_000L;
    }

    @Override
    public Codec codec() {
        MediaDescription description = media;
        return description == null ? Codec.PCMU : description.codec();
    }

    @Override
    public byte[] settledAudio(int from) {
        return recordedAudio(from, SETTLING_SAMPLES);
    }

    @Override
    public byte[] recordedAudio(int from) {
        return recordedAudio(from, 0);
    }

    /** The codes recorded from {@code from} up to {@code behindNewest} samples before the end. */
    private synchronized byte[] recordedAudio(int from, int behindNewest) {
        return recording == null
                ? new byte[0]
                : recording.codes(from, recording.samples() - behindNewest);
    }

    @Override
    public long lastReceivedNanos() {
        return lastReceivedNanos;
    }

    @Override
    public void afterPendingPackets(Runnable then) {
        engine.afterPendingPackets(this, then);
    }

    /**
     * Stops recording and hands over what was recorded ({@code null} if nothing was being
     * recorded).
     */
    @Override
    public synchronized Recording stopRecording() {
        Recording done = recording;
        recording = null;
        return done;
    }

    @Override
    public void close() {
        listener = null;
        engine.release(this);
    }

    DatagramChannel channel() {
        return channel;
    }

    /** Receive thread: one datagram. */
    void receive(ByteBuffer packet, SocketAddress source) {
        RtpPacket header = RtpPacket.parse(packet);
        MediaDescription description = media;
        MediaEvents events = listener;
        if (header == null || description == null || events == null) {
            return;
        }
        if (header.payloadType() != description.audioPayloadType()
                && header.payloadType() != description.eventPayloadType()
                && header.payloadType() != COMFORT_NOISE) {
            return; // not a packet of this stream
        }
        SrtpContext srtp = receiving;
        if (description.secure()) {
            if (srtp == null) {
                return;
            }
            // only what the caller's key authenticates is heard, latched to, or recorded
            byte[] raw = new byte[packet.remaining()];
            packet.get(packet.position(), raw);
            int headerLength = headerLength(raw);
            byte[] plain = headerLength < 0 ? null : srtp.unprotect(raw, raw.length, headerLength);
            if (plain == null) {
                strayPackets++;
                return;
            }
            packet = ByteBuffer.wrap(plain);
            header = RtpPacket.parse(packet);
            if (header == null) {
                return;
            }
        }
        if (!(source instanceof InetSocketAddress address)) {
            return;
        }
        if (!latched) {
            InetSocketAddress sdp = described;
            if (remote != null
                    && sdp != null
                    && sdp.getAddress() != null
                    && !sdp.getAddress().equals(address.getAddress())) {
                // the SDP's address was confirmed: its host may change port (NAT), not host
                strayPackets++;
                return;
            }
            remote = address; // symmetric RTP
            latched = true;
        } else if (!address.equals(remote)) {
            strayPackets++; // someone else's packets: not in this recording
            return;
        }
        lastReceivedNanos = System.nanoTime();
        if (header.payloadType() == description.eventPayloadType()) {
            char digit = this.events.digit(packet, header);
            if (digit != 0) {
                events.digit(digit);
            }
            return;
        }
        if (header.payloadType() != description.audioPayloadType()) {
            return; // comfort noise: not audio we record
        }
        int length = Math.min(header.payloadLength(), payload.length);
        packet.get(packet.position() + header.payloadOffset(), payload, 0, length);
        RtpSession peer = bridgedTo;
        if (peer != null) {
            peer.relay(description.codec(), payload, length);
        }
        boolean speech = Loudness.isSpeech(description.codec(), payload, 0, length);
        boolean full = false;
        synchronized (this) {
            if (speech) {
                lastSpeechNanos = System.nanoTime();
            }
            if (recording != null
                    && !recording.write(header.ssrc(), header.timestamp(), payload, 0, length)
                    && !fullReported) {
                fullReported = true;
                full = true;
            }
        }
        if (full) {
            events.recordingFull();
        }
    }

    /** The length of an RTP header with its CSRCs and extension (what SRTP leaves clear). */
    private static int headerLength(byte[] packet) {
        if (packet.length < RtpPacket.HEADER) {
            return -1;
        }
        int length = RtpPacket.HEADER + 4 * (packet[0] & 0x0F);
        if ((packet[0] & 0x10) != 0) {
            if (packet.length < length + 4) {
                return -1;
            }
            length += 4 + 4 * (((packet[length + 2] & 0xFF) << 8) | (packet[length + 3] & 0xFF));
        }
        return length <= packet.length ? length : -1;
    }

    /**
     * Clock thread: every 20 ms, one frame of the prompt being played, or of silence. A prompt
     * keeps wall-clock time: if the clock ran late, the frames it could not send in time are
     * skipped (a short gap for the caller) and the RTP timestamp jumps over them.
     */
    void tick(long nowNanos) throws IOException {
        MediaDescription description = media;
        InetSocketAddress target = remote;
        MediaEvents events = listener;
        if (description == null || events == null) {
            return;
        }
        if (target
                == null) { // no confirmed address yet: a prompt waits for the caller's first packet
            synchronized (this) {
                if (playing != null && playedSamples == 0) {
                    playStartNanos = nowNanos;
                }
            }
            return;
        }
        boolean finished = false;
        boolean silent = false;
        Codec codec = description.codec();
        synchronized (this) {
            if (playing != null) {
                byte[] audio = playing.encoded(codec);
                long due = ((nowNanos - playStartNanos) / FRAME_NANOS + 1) * FRAME;
                long lag = Math.min(due, audio.length) - FRAME - playedSamples;
                if (lag > MAX_LAG_SAMPLES) {
                    playedSamples += (int) lag;
                    timestamp = (timestamp + lag) & 0xFFFFFFFFL;
                }
                int count = Math.min(FRAME, audio.length - playedSamples);
                System.arraycopy(audio, playedSamples, frame, 0, count);
                Arrays.fill(frame, count, FRAME, codec.silence());
                playedSamples += count;
                if (playedSamples >= audio.length) {
                    playing = null;
                    finished = true;
                }
            } else if (!relayed(codec, frame)) {
                Arrays.fill(frame, codec.silence());
            }
            if (recording != null
                    && !silenceReported
                    && nowNanos - lastSpeechNanos > silenceLimitNanos) {
                silenceReported = true;
                silent = true;
            }
        }
        out.clear();
        RtpPacket.writeHeader(
                out, first, description.audioPayloadType(), sequence, timestamp, ssrc);
        out.put(frame);
        out.flip();
        first = false;
        sequence = (sequence + 1) & 0xFFFF;
        timestamp = (timestamp + FRAME) & 0xFFFFFFFFL;
        SrtpContext srtp = sending;
        ByteBuffer datagram = out;
        if (description.secure() && srtp != null) {
            datagram = ByteBuffer.wrap(srtp.protect(out.array(), out.limit(), RtpPacket.HEADER));
        }
        try {
            channel.send(datagram, target);
        } finally { // a send that failed must not leave the call waiting for its prompt's end
            if (finished) {
                events.playbackFinished();
            }
            if (silent) {
                events.silenceTimedOut();
            }
        }
    }
}
