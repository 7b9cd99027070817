package io.natsguard.rule;

import java.util.Arrays;

/**
 * The public nkeys nats-server checks when it reads a config (nkeys' IsValidPublic*Key): base32
 * without padding of a prefix byte, a 32-byte Ed25519 key and a CRC16 (XMODEM) checksum, little-endian.
 * What is wrong is told without the value, which may be a seed.
 */
final class NKeys {

    /** The kinds of key a config names, with the prefix byte and letter each starts with. */
    enum Kind {
        OPERATOR('O', 14 << 3, "an operator"), ACCOUNT('A', 0, "an account"), USER('U', 20 << 3, "a user"),
        CURVE('X', 23 << 3, "a curve (xkey)"), SERVER('N', 13 << 3, "a server"), CLUSTER('C', 2 << 3, "a cluster");

        final char letter;
        final int prefix;
        final String label;

        Kind(char letter, int prefix, String label) {
            this.letter = letter;
            this.prefix = prefix;
            this.label = label;
        }

        static Kind startingWith(char letter) {
            for (Kind kind : values()) {
                if (kind.letter == letter) {
                    return kind;
                }
            }
            return null;
        }
    }

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final int ENCODED_LENGTH = 56;
    private static final int KEY_SIZE = 32;

    /**
     * Ed25519 keys of small order, which nkeys refuses for every kind but curve keys (compared
     * without the sign bit of the last byte, as nkeys does).
     */
    private static final byte[][] SMALL_ORDER = {
        new byte[KEY_SIZE],
        withFirst(1),
        bytes(38, 232, 149, 143, 194, 178, 39, 176, 69, 195, 244, 137, 242, 239, 152, 240, 213, 223, 172, 5, 211, 198,
                51, 57, 177, 56, 2, 136, 109, 83, 252, 5),
        bytes(199, 23, 106, 112, 61, 77, 216, 79, 186, 60, 11, 118, 13, 16, 103, 15, 42, 32, 83, 250, 44, 57, 204, 198,
                78, 199, 253, 119, 146, 172, 3, 122),
        highBytes(236), highBytes(237), highBytes(238),
    };

    private NKeys() {
    }

    /**
     * Why a value is not a valid public key of the kind, or null when it is. Never quotes the value:
     * a seed put where a public key belongs is a private key.
     */
    static String problem(String value, Kind expected) {
        if (value.startsWith("S")) {
            return "a seed, not a public key: the private key is exposed in the config (revoke it and keep seeds in "
                    + "creds or nkey files)";
        }
        byte[] raw = decode(value);
        if (raw == null) {
            return "not an nkey: a public key is " + ENCODED_LENGTH + " characters of A-Z and 2-7 (it has "
                    + value.length() + ")";
        }
        int crc = (raw[raw.length - 2] & 0xff) | (raw[raw.length - 1] & 0xff) << 8;
        if (crc16(Arrays.copyOf(raw, raw.length - 2)) != crc) {
            return "its checksum does not match: a character is mistyped";
        }
        int prefix = raw[0] & 0xff;
        if (prefix != expected.prefix) {
            Kind actual = Kind.startingWith(value.charAt(0));
            String what = actual != null && actual.prefix == prefix ? actual.label + " key (" + actual.letter + "...)"
                    : "no public key (prefix " + value.charAt(0) + ")";
            return what + " where " + expected.label + " key (" + expected.letter + "...) belongs";
        }
        if (expected != Kind.CURVE && smallOrder(Arrays.copyOfRange(raw, 1, 1 + KEY_SIZE))) {
            return "a weak Ed25519 key of small order, which nkeys refuses";
        }
        return null;
    }

    /** The 35 bytes a public key encodes, or null when the text is no 56-character base32. */
    private static byte[] decode(String text) {
        if (text.length() != ENCODED_LENGTH) {
            return null;
        }
        byte[] raw = new byte[ENCODED_LENGTH * 5 / 8];
        int buffer = 0;
        int bits = 0;
        int at = 0;
        for (char c : text.toCharArray()) {
            int digit = ALPHABET.indexOf(c);
            if (digit < 0) {
                return null;
            }
            buffer = buffer << 5 | digit;
            bits += 5;
            if (bits >= 8) {
                bits -= 8;
                raw[at++] = (byte) (buffer >> bits);
            }
        }
        return raw;
    }

    /** CRC-16/XMODEM (polynomial 0x1021, initial 0), nkeys' checksum. */
    static int crc16(byte[] data) {
        int crc = 0;
        for (byte b : data) {
            crc ^= (b & 0xff) << 8;
            for (int i = 0; i < 8; i++) {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
            }
            crc &= 0xffff;
        }
        return crc;
    }

    private static boolean smallOrder(byte[] key) {
        for (byte[] bad : SMALL_ORDER) {
            if ((key[KEY_SIZE - 1] & 127) == bad[KEY_SIZE - 1]
                    && Arrays.equals(key, 0, KEY_SIZE - 1, bad, 0, KEY_SIZE - 1)) {
                return true;
            }
        }
        return false;
    }

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    private static byte[] withFirst(int first) {
        byte[] out = new byte[KEY_SIZE];
        out[0] = (byte) first;
        return out;
    }

    /** 255 everywhere, the given first byte and 127 last: the encodings of p-1, p and p+1. */
    private static byte[] highBytes(int first) {
        byte[] out = new byte[KEY_SIZE];
        Arrays.fill(out, (byte) 255);
        out[0] = (byte) first;
        out[KEY_SIZE - 1] = 127;
        return out;
    }
}
