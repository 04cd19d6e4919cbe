package it.segreteria.voicemail.call.control;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/** An address or a CIDR block ({@code 192.0.2.10}, {@code 10.0.0.0/8}, {@code 2001:db8::/32}). */
public record AddressRange(byte[] network, int prefix) {

    public static AddressRange parse(String text) {
        String value = text.strip();
        int slash = value.indexOf('/');
        String host = slash < 0 ? value : value.substring(0, slash);
        if (!host.matches("[0-9a-fA-F:.]+")) { // literals only: a host name would be looked up
            throw new IllegalArgumentException("not an IP address or CIDR block: '" + text + "'");
        }
        try {
            byte[] address = InetAddress.getByName(host).getAddress();
            int prefix =
                    slash < 0 ? address.length * 8 : Integer.parseInt(value.substring(slash + 1));
            if (prefix < 0 || prefix > address.length * 8) {
                throw new IllegalArgumentException("bad prefix length in '" + text + "'");
            }
            return new AddressRange(address, prefix);
        } catch (UnknownHostException | NumberFormatException e) {
            throw new IllegalArgumentException(
                    "not an IP address or CIDR block: '" + text + "'", e);
        }
    }

    public boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length != network.length) {
            return false;
        }
        int full = prefix / 8;
        if (!Arrays.equals(bytes, 0, full, network, 0, full)) {
            return false;
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (bytes[full] & mask) == (network[full] & mask);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AddressRange range
                && prefix == range.prefix
                && Arrays.equals(network, range.network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefix;
    }

    @Override
    public String toString() {
        try {
            return InetAddress.getByAddress(network).getHostAddress() + "/" + prefix;
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
