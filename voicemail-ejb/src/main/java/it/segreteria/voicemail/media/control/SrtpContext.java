package it.segreteria.voicemail.media.control;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * SRTP (RFC 3711) for one direction of one stream, with the SDES suites of RFC 4568:
 * AES_CM_128_HMAC_SHA1_80 and _32 (AES-128 in counter mode, HMAC-SHA1 tags of 10 or 4 bytes), key
 * derivation rate 0, no MKI. Written by hand because no maintained Java library does SRTP alone
 * (the JDK provides AES and HMAC; the rest is the RFC's arithmetic). Not thread-safe: a sender
 * context belongs to the media clock, a receiver context to the receive thread.
 */
public final class SrtpContext {

    /** The crypto suites we accept and offer, by their SDP names. */
    public enum Suite {
        AES_CM_128_HMAC_SHA1_80(10),
        AES_CM_128_HMAC_SHA1_32(4);

        final int tagLength;

        Suite(int tagLength) {
            this.tagLength = tagLength;
        }

        /** The suite of an SDP name, or null when we do not support it. */
        public static Suite named(String name) {
            for (Suite suite : values()) {
                if (suite.name().equals(name)) {
                    return suite;
                }
            }
            return null;
        }
    }

    /** Length of an SDES key parameter: 16 bytes of master key and 14 of master salt. */
    public static final int MASTER_LENGTH = 30;

    private static final int REPLAY_WINDOW = 64;

    private final Suite suite;
    private final SecretKeySpec encryptionKey;
    private final byte[] salt;
    private final Mac mac;
    private final Cipher cipher;

    // sender state
    private long sendRoc;
    private int lastSentSequence = -1;
    // receiver state
    private boolean receiving;
    private long roc;
    private int highestSequence;
    private long highestIndex = -1;
    private long replayBits;

    public SrtpContext(Suite suite, byte[] master) {
        if (master.length != MASTER_LENGTH) {
            throw new IllegalArgumentException("an SRTP master key and salt are 30 bytes");
        }
        this.suite = suite;
        byte[] masterKey = Arrays.copyOfRange(master, 0, 16);
        byte[] masterSalt = Arrays.copyOfRange(master, 16, 30);
        try {
            this.encryptionKey = new SecretKeySpec(derive(masterKey, masterSalt, 0, 16), "AES");
            this.salt = derive(masterKey, masterSalt, 2, 14);
            this.mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(derive(masterKey, masterSalt, 1, 20), "HmacSHA1"));
            this.cipher = Cipher.getInstance("AES/CTR/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks AES or HMAC-SHA1", e);
        }
    }

    /**
     * A session key of RFC 3711 4.3.1 with a key derivation rate of 0: the AES-CM keystream of the
     * master key at IV = (label at byte 7 XOR master salt) * 2^16.
     */
    static byte[] derive(byte[] masterKey, byte[] masterSalt, int label, int length)
            throws GeneralSecurityException {
        byte[] iv = new byte[16];
        System.arraycopy(masterSalt, 0, iv, 0, 14);
        iv[7] ^= (byte) label;
        Cipher prf = Cipher.getInstance("AES/CTR/NoPadding");
        prf.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(masterKey, "AES"), new IvParameterSpec(iv));
        return prf.doFinal(new byte[length]);
    }

    /** The session keys, for the RFC's test vectors. */
    byte[] sessionSalt() {
        return salt.clone();
    }

    byte[] sessionEncryptionKey() {
        return encryptionKey.getEncoded();
    }

    /**
     * An RTP packet (header of {@code headerLength} bytes, then payload) as SRTP: payload
     * encrypted, the authentication tag appended.
     */
    public byte[] protect(byte[] rtp, int length, int headerLength) {
        int sequence = ((rtp[2] & 0xFF) << 8) | (rtp[3] & 0xFF);
        if (lastSentSequence >= 0
                && sequence < lastSentSequence
                && lastSentSequence - sequence > 0x8000) {
            sendRoc = (sendRoc + 1) & 0xFFFFFFFFL;
        }
        lastSentSequence = sequence;
        long index = (sendRoc << 16) | sequence;
        byte[] out = Arrays.copyOf(rtp, length + suite.tagLength);
        crypt(out, headerLength, length - headerLength, ssrc(rtp), index);
        tag(out, length, sendRoc, out, length);
        return out;
    }

    /**
     * The RTP packet inside an SRTP packet, or null when it fails authentication or replays one
     * already received.
     */
    public byte[] unprotect(byte[] srtp, int length, int headerLength) {
        int authenticated = length - suite.tagLength;
        if (authenticated < headerLength) {
            return null;
        }
        int sequence = ((srtp[2] & 0xFF) << 8) | (srtp[3] & 0xFF);
        long guess = guessRoc(sequence);
        long index = (guess << 16) | sequence;
        byte[] expected = new byte[suite.tagLength];
        tag(srtp, authenticated, guess, expected, 0);
        if (!java.security.MessageDigest.isEqual(
                expected, Arrays.copyOfRange(srtp, authenticated, length))) {
            return null;
        }
        if (!fresh(index)) {
            return null;
        }
        byte[] rtp = Arrays.copyOf(srtp, authenticated);
        crypt(rtp, headerLength, authenticated - headerLength, ssrc(srtp), index);
        accept(sequence, guess, index);
        return rtp;
    }

    /** RFC 3711 3.3.1: the rollover counter that puts this sequence number nearest the last. */
    private long guessRoc(int sequence) {
        if (!receiving) {
            return 0;
        }
        if (highestSequence < 0x8000) {
            return sequence - highestSequence > 0x8000 ? (roc - 1) & 0xFFFFFFFFL : roc;
        }
        return highestSequence - 0x8000 > sequence ? (roc + 1) & 0xFFFFFFFFL : roc;
    }

    private boolean fresh(long index) {
        if (!receiving || index > highestIndex) {
            return true;
        }
        long behind = highestIndex - index;
        return behind < REPLAY_WINDOW && (replayBits & (1L << behind)) == 0;
    }

    private void accept(int sequence, long packetRoc, long index) {
        if (!receiving || index > highestIndex) {
            long shift = receiving ? index - highestIndex : 0;
            replayBits = shift >= REPLAY_WINDOW ? 0 : replayBits << shift;
            replayBits |= 1;
            highestIndex = index;
            highestSequence = sequence;
            roc = packetRoc;
            receiving = true;
        } else {
            replayBits |= 1L << (highestIndex - index);
        }
    }

    private void crypt(byte[] packet, int offset, int length, long ssrc, long index) {
        byte[] iv = new byte[16];
        System.arraycopy(salt, 0, iv, 0, 14);
        for (int i = 0; i < 4; i++) {
            iv[4 + i] ^= (byte) (ssrc >>> (24 - 8 * i));
        }
        for (int i = 0; i < 6; i++) {
            iv[8 + i] ^= (byte) (index >>> (40 - 8 * i));
        }
        try {
            cipher.init(Cipher.ENCRYPT_MODE, encryptionKey, new IvParameterSpec(iv));
            cipher.doFinal(packet, offset, length, packet, offset);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private void tag(byte[] packet, int length, long packetRoc, byte[] into, int at) {
        mac.update(packet, 0, length);
        mac.update((byte) (packetRoc >>> 24));
        mac.update((byte) (packetRoc >>> 16));
        mac.update((byte) (packetRoc >>> 8));
        mac.update((byte) packetRoc);
        System.arraycopy(mac.doFinal(), 0, into, at, suite.tagLength);
    }

    private static long ssrc(byte[] packet) {
        return ((packet[8] & 0xFFL) << 24)
                | ((packet[9] & 0xFFL) << 16)
                | ((packet[10] & 0xFFL) << 8)
                | (packet[11] & 0xFFL);
    }
}
