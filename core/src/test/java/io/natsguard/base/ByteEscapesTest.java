package io.natsguard.base;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ByteEscapesTest {

    @Test
    void everyByteFrom0x80To0xFFHasItsOwnEscapeAndComesBack() {
        Set<Character> escapes = new HashSet<>();
        for (int b = 0x80; b <= 0xFF; b++) {
            char escape = ByteEscapes.of(b);
            assertThat(Character.isLowSurrogate(escape)).isTrue();
            escapes.add(escape);
            assertThat(ByteEscapes.bytes("a" + escape + "é")).containsExactly('a', b, 0xC3, 0xA9);
        }
        assertThat(escapes).hasSize(128);
    }

    @Test
    void anEscapeIsShownAsTheReplacementCharacterAsGoWritesIt() {
        assertThat(ByteEscapes.shown("x\uDCFFy\uDC80")).isEqualTo("x\uFFFDy\uFFFD");
        String unchanged = "plain é 😀";
        assertThat(ByteEscapes.shown(unchanged)).isSameAs(unchanged);
    }

    /** U+10080 is the pair D800 DC80: its low half is in the escapes' range but is no escape. */
    @Test
    void theLowHalfOfASurrogatePairIsNoEscape() {
        String text = new String(Character.toChars(0x10080)) + ByteEscapes.of(0x80);
        assertThat(ByteEscapes.shown(text)).isEqualTo(new String(Character.toChars(0x10080)) + "\uFFFD");
        assertThat(ByteEscapes.bytes(text)).containsExactly(0xF0, 0x90, 0x82, 0x80, 0x80);
    }

    /** Go orders strings by bytes: a byte 0x98 before U+FFFD (ef bf bd) before a byte 0xf6. */
    @Test
    void stringsCompareByTheirBytes() {
        assertThat(ByteEscapes.compare("\uDC98", "\uFFFD")).isNegative();
        assertThat(ByteEscapes.compare("\uFFFD", "\uDCF6")).isNegative();
        assertThat(ByteEscapes.compare("\uDCF6", "\uDCF6")).isZero();
        assertThat(ByteEscapes.compare("z", "é")).isNegative();
    }
}
