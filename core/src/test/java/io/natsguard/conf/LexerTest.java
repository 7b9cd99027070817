package io.natsguard.conf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The lexer's items, one by one: type, value, the server's line and column, and the true offset of
 * each token (what natsguard's positions are made of). Also Go's UTF-8 decoding and character classes.
 */
class LexerTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            a = 1                    | KEY(a)1:0@0 INTEGER(1)1:4@4 EOF()1:5@5
            { a: 'x' }               | KEY(a)1:2@2 STRING(x)1:6@6 EOF()1:10@10
            \\n  "k y" = yes\\n      | KEY(k y)2:4@4 BOOL(yes)2:11@11 EOF()3:1@15
            a = [1, "b", c]\\n       | KEY(a)1:0@0 ARRAY_START()1:5@5 INTEGER(1)1:5@5 STRING(b)1:9@9 STRING(c)1:13@13 ARRAY_END()1:15@15 EOF()2:1@16
            m {\\n  x = $v; y=2 }    | KEY(m)1:0@0 MAP_START()1:3@3 KEY(x)2:3@6 VARIABLE(v)2:8@10 KEY(y)2:11@14 INTEGER(2)2:13@16 MAP_END()2:16@19 EOF()2:16@19
            a = "x\\\\ty\\\\x41z"    | KEY(a)1:0@0 STRING(x\ty\u0041z)1:9@5 EOF()1:15@15
            a = x\\\\"y; z = 1        | KEY(a)1:0@0 STRING(x"y)1:5@4 KEY(z)1:10@10 INTEGER(1)1:14@14 EOF()1:15@15
            `# c\\na = 1 // d\\n`    | COMMENT_START()1:1@1 TEXT( c)1:1@1 KEY(a)2:1@4 INTEGER(1)2:5@8 COMMENT_START()2:9@12 TEXT( d)2:9@12 EOF()3:1@15
            a = (\\nx )\\n)\\n       | KEY(a)1:0@0 STRING(\\nx )\\n)3:5@5 EOF()4:1@12
            a = 1.5; b = -2k, c = 2016-05-04T18:53:41Z | KEY(a)1:0@0 FLOAT(1.5)1:4@4 KEY(b)1:9@9 INTEGER(-2k)1:13@13 KEY(c)1:18@18 DATETIME(2016-05-04T18:53:41Z)1:22@22 EOF()1:42@42
            a = 10.0.0.1:4222        | KEY(a)1:0@0 STRING(10.0.0.1:4222)1:4@4 EOF()1:17@17
            a = 10s                  | KEY(a)1:0@0 STRING(10s)1:4@4 EOF()1:7@7
            include 'x.conf'; b = 1  | INCLUDE(x.conf)1:9@9 KEY(b)1:18@18 INTEGER(1)1:22@22 EOF()1:23@23
            m { include x.conf }     | KEY(m)1:0@0 MAP_START()1:3@3 INCLUDE(x.conf)1:12@12 MAP_END()1:20@20 EOF()1:20@20
            a = 'x\\n                | KEY(a)1:0@0 ERROR(Unexpected EOF.)2:1@7
            m { 'a'1 }               | KEY(m)1:0@0 MAP_START()1:3@3 KEY(a)1:5@5 INTEGER(1)1:7@7 MAP_END()1:10@10 EOF()1:10@10
            a = \\\\x41              | KEY(a)1:0@0 STRING(A)1:7@4 EOF()1:8@8
            a = \\\\x41$b            | KEY(a)1:0@0 STRING(A$b)1:7@4 EOF()1:10@10
            a = FALSE                | KEY(a)1:0@0 BOOL(FALSE)1:4@4 EOF()1:9@9
            a = [1 /x]               | KEY(a)1:0@0 ARRAY_START()1:5@5 INTEGER(1)1:5@5 STRING(x)1:8@8 ARRAY_END()1:10@10 EOF()1:10@10
            m { /a = 1 }             | KEY(m)1:0@0 MAP_START()1:3@3 KEY(a)1:5@5 INTEGER(1)1:9@9 MAP_END()1:12@12 EOF()1:12@12
            m { a = 1 /b = 2 }       | KEY(m)1:0@0 MAP_START()1:3@3 KEY(a)1:4@4 INTEGER(1)1:8@8 KEY(b)1:11@11 INTEGER(2)1:15@15 MAP_END()1:18@18 EOF()1:18@18
            `a = "\\\\x0a\\\\x30"`   | KEY(a)1:0@0 STRING(\\n0)1:11@5 EOF()1:14@14
            """)
    void itemsAndTheirPlaces(String input, String expected) {
        assertThat(items(AgainstTheServerTest.bytes(input))).isEqualTo(expected);
    }

    /**
     * A whole config in braces (lex.go's lexBlockStart, lexBlockValueEnd, lexBlockEnd, since 2.11):
     * items and places as nats-server v2.14.10's lexer gives them, ERROR texts included.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            { a = 1 }                | KEY(a)1:2@2 INTEGER(1)1:6@6 EOF()1:9@9
            {\\n a = 1\\n b: 2\\n}\\n | KEY(a)2:2@3 INTEGER(1)2:6@7 KEY(b)3:2@10 INTEGER(2)3:5@13 EOF()5:1@17
            { { a = 1 } }            | KEY(a)1:4@4 INTEGER(1)1:8@8 EOF()1:13@13
            `{ a = 1 } # c`          | KEY(a)1:2@2 INTEGER(1)1:6@6 COMMENT_START()1:11@11 TEXT( c)1:11@11 EOF()1:13@13
            { a = 1 }\\nb = 2       | KEY(a)1:2@2 INTEGER(1)1:6@6 KEY(b)2:1@10 INTEGER(2)2:5@14 EOF()2:6@15
            `{ a = 1 `               | KEY(a)1:2@2 INTEGER(1)1:6@6 ERROR(Expected a block-level value to end with a new line, comment or EOF, but got '\0' instead.)1:8@8
            { a = 1 x }              | KEY(a)1:2@2 INTEGER(1)1:6@6 ERROR(Expected a block-level value to end with a new line, comment or EOF, but got 'x' instead.)1:9@8
            { a = 1 /b = 2 }         | KEY(a)1:2@2 INTEGER(1)1:6@6 ERROR(Expected a block-level value to end with a new line, comment or EOF, but got 'b' instead.)1:10@9
            `{ # c\\n a = 1 }`      | COMMENT_START()1:3@3 TEXT( c)1:3@3 KEY(a)2:2@7 INTEGER(1)2:6@11 EOF()2:9@14
            { a = 1 }; b = 2         | KEY(a)1:2@2 INTEGER(1)1:6@6 KEY(;)1:9@9 STRING(b)1:11@11 ERROR(Expected a top-level value to end with a new line, comment or EOF, but got '=' instead.)1:14@13
            { a = 1 }}               | KEY(a)1:2@2 INTEGER(1)1:6@6 KEY(})1:9@9 EOF()1:10@10
            {}                       | EOF()1:2@2
            { /x }                   | ERROR(Unexpected EOF.)1:3@3
            { a = 1 // c\\n}        | KEY(a)1:2@2 INTEGER(1)1:6@6 COMMENT_START()1:10@10 TEXT( c)1:10@10 EOF()2:2@14
            { a { b = 1 } }          | KEY(a)1:2@2 MAP_START()1:5@5 KEY(b)1:6@6 INTEGER(1)1:10@10 MAP_END()1:13@13 EOF()1:15@15
            """)
    void blocks(String input, String expected) {
        assertThat(items(AgainstTheServerTest.bytes(input))).isEqualTo(expected.replace("\\0", "\0"));
    }

    /** Since v2.14.10 a digit after a size suffix makes the token a string (before: an integer, then an error). */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a = 1m30s  | KEY(a)1:0@0 STRING(1m30s)1:4@4 EOF()1:9@9
            a = 0K1abc | KEY(a)1:0@0 STRING(0K1abc)1:4@4 EOF()1:10@10
            a = 5e7bcd | KEY(a)1:0@0 STRING(5e7bcd)1:4@4 EOF()1:10@10
            a = 2k1    | KEY(a)1:0@0 STRING(2k1)1:4@4 EOF()1:7@7
            a = 2kb; b = 1 | KEY(a)1:0@0 INTEGER(2kb)1:4@4 KEY(b)1:9@9 INTEGER(1)1:13@13 EOF()1:14@14
            """)
    void aDigitAfterASizeSuffixMakesAString(String input, String expected) {
        assertThat(items(AgainstTheServerTest.bytes(input))).isEqualTo(expected);
    }

    /** utf8.DecodeRune: the rune and its width, U+FFFD of width 1 for whatever is not valid UTF-8. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(textBlock = """
            41,          0041,   1
            7f,          007f,   1
            c2 80,       0080,   2
            df bf,       07ff,   2
            e0 a0 80,    0800,   3
            e1 80 80,    1000,   3
            ec bf bf,    cfff,   3
            ed 9f bf,    d7ff,   3
            ee 80 80,    e000,   3
            ef bf bf,    ffff,   3
            f0 90 80 80, 10000,  4
            f1 80 80 80, 40000,  4
            f4 8f bf bf, 10ffff, 4
            80,          fffd,   1
            bf,          fffd,   1
            c0 80,       fffd,   1
            c1 bf,       fffd,   1
            c2 7f,       fffd,   1
            c2 c0,       fffd,   1
            c2,          fffd,   1
            e0 9f bf,    fffd,   1
            e1 7f 80,    fffd,   1
            e1 80 7f,    fffd,   1
            e1 80 c0,    fffd,   1
            e1 80,       fffd,   1
            ed a0 80,    fffd,   1
            ef c0 80,    fffd,   1
            f0 8f bf bf, fffd,   1
            f0 c0 80 80, fffd,   1
            f1 80 80 c0, fffd,   1
            f1 80 c0 80, fffd,   1
            f4 90 80 80, fffd,   1
            f4 80 80,    fffd,   1
            f5 80 80 80, fffd,   1
            ff,          fffd,   1
            """)
    void decodesUtf8AsGoDoes(String hex, String rune, int width) {
        byte[] bytes = hexBytes(hex);
        int decoded = Lexer.decodeRune(bytes, 0, bytes.length);
        assertThat(Lexer.runeOf(decoded)).isEqualTo(Integer.parseInt(rune, 16));
        assertThat(Lexer.widthOf(decoded)).isEqualTo(width);
    }

    @org.junit.jupiter.api.Test
    void decodingStopsAtTheGivenEnd() {
        byte[] bytes = hexBytes("41 c3 a9 42");
        assertThat(Lexer.runeOf(Lexer.decodeRune(bytes, 1, 3))).isEqualTo('é');
        assertThat(Lexer.runeOf(Lexer.decodeRune(bytes, 1, 2))).isEqualTo(0xFFFD);
        assertThat(Lexer.goString(bytes, 0, 4)).isEqualTo("AéB");
        assertThat(Lexer.goString(bytes, 1, 2)).isEqualTo("\uDCC3");
        assertThat(Lexer.goString(bytes, 2, 2)).isEmpty();
    }

    /**
     * Every invalid byte is kept, as its own escape (U+DC00 + the byte), as Go's string keeps it; Java
     * would merge "e2 82" into one U+FFFD. A real U+FFFD stays one.
     */
    @org.junit.jupiter.api.Test
    void stringValuesKeepEveryInvalidByte() {
        assertThat(items(AgainstTheServerTest.bytes("a = x\\xe2\\x82y\\xf0\\x9f\\x98")))
                .isEqualTo("KEY(a)1:0@0 STRING(x\uDCE2\uDC82y\uDCF0\uDC9F\uDC98)1:4@4 EOF()1:11@11");
        assertThat(items(AgainstTheServerTest.bytes("a = \"\\xe2\\x82\\\\t\\xc3\\xa9\"")))
                .isEqualTo("KEY(a)1:0@0 STRING(\uDCE2\uDC82\té)1:6@5 EOF()1:12@12");
        assertThat(items(AgainstTheServerTest.bytes("\\xef\\xbf\\xbd\\xff = 1")))
                .isEqualTo("KEY(\uFFFD\uDCFF)1:0@0 INTEGER(1)1:7@7 EOF()1:8@8");
    }

    @ParameterizedTest(name = "U+{0}")
    @CsvSource(textBlock = """
            0009, true
            000a, true
            000b, true
            000c, true
            000d, true
            0020, true
            0085, true
            00a0, true
            1680, true
            2000, true
            200a, true
            2028, true
            2029, true
            202f, true
            205f, true
            3000, true
            0008, false
            000e, false
            001c, false
            0041, false
            00ff, false
            180e, false
            200b, false
            feff, false
            """)
    void whiteSpaceIsGosUnicodeIsSpace(String codePoint, boolean space) {
        assertThat(Lexer.isSpace(Integer.parseInt(codePoint, 16))).isEqualTo(space);
    }

    @ParameterizedTest(name = "U+{0}")
    @CsvSource(textBlock = """
            0030, true
            0039, true
            0663, true
            ff10, true
            1d7ce, true
            002f, false
            003a, false
            00b2, false
            00bd, false
            2460, false
            """)
    void digitsAreGosUnicodeIsDigit(String codePoint, boolean digit) {
        assertThat(Lexer.isDigit(Integer.parseInt(codePoint, 16))).isEqualTo(digit);
    }

    @org.junit.jupiter.api.Test
    void afterTheEndItKeepsReturningTheEnd() {
        Lexer lexer = new Lexer(new byte[] {'a', '=', '1'});
        List<Item.Type> types = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            types.add(lexer.nextItem().type());
        }
        assertThat(types).containsExactly(Item.Type.KEY, Item.Type.INTEGER, Item.Type.EOF, Item.Type.EOF, Item.Type.EOF);
    }

    private static byte[] hexBytes(String hex) {
        String[] parts = hex.trim().split(" ");
        byte[] bytes = new byte[parts.length];
        for (int i = 0; i < parts.length; i++) {
            bytes[i] = (byte) Integer.parseInt(parts[i], 16);
        }
        return bytes;
    }

    private static String items(byte[] input) {
        Lexer lexer = new Lexer(input);
        List<String> items = new ArrayList<>();
        while (true) {
            Item item = lexer.nextItem();
            items.add(item.type() + "(" + item.value().replace("\n", "\\n") + ")" + item.line() + ":" + item.pos() + "@" + item.offset());
            if (item.type() == Item.Type.EOF || item.type() == Item.Type.ERROR) {
                return String.join(" ", items);
            }
        }
    }
}
