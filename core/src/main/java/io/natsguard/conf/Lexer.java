package io.natsguard.conf;

import io.natsguard.base.ByteEscapes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;

/**
 * The NATS config lexer: a loop of state functions, state for state the one of nats-server's
 * {@code conf/lex.go} (v2.14.10), so that it accepts, rejects and positions exactly what the server
 * does, quirks included (see docs/nats-conf-format.md in the shared docs).
 *
 * <p>It works on UTF-8 bytes, as Go does: positions are byte offsets, an invalid byte decodes to
 * U+FFFD with width 1 (in the token values it is kept as its {@link ByteEscapes escape}, as Go's
 * strings keep the byte), and the rune 0 doubles as end of input. A state that would only return itself
 * loops in place instead; that is the same machine, with fewer calls.
 */
final class Lexer {

    /** A state: reads some input, may emit items, returns the next state (null: done). */
    @FunctionalInterface
    interface State {
        State run(Lexer lx);
    }

    static final int EOF = 0;
    private static final int RUNE_ERROR = 0xFFFD;

    private final byte[] input;
    private final int length;
    private int start;
    private int pos;
    private int width;
    private int line = 1;
    /** Start of the current line: the index of the last '\n' read (the server's convention). */
    private int lstart;
    /** lstart as it was when the current item started. */
    private int ilstart;
    /** Where the current item really starts; unlike start, escapes and '$' do not move it. */
    private int tokenStart;
    /** Where the last rune read by next() starts: the place a lexer error points at. */
    private int lastRuneStart;

    private State state = Lexer::lexTop;
    private final ArrayDeque<Item> items = new ArrayDeque<>(4);
    private final ArrayList<State> stack = new ArrayList<>();
    private final ByteBuffer stringParts = new ByteBuffer();
    private State stringState;

    Lexer(byte[] input) {
        this.input = input;
        this.length = input.length;
    }

    /** The next item; after ERROR or EOF it keeps returning EOF. */
    Item nextItem() {
        while (items.isEmpty()) {
            if (state == null) {
                return new Item(Item.Type.EOF, "", line, 0, length);
            }
            state = state.run(this);
        }
        return items.poll();
    }

    // ---- machinery (lex.go: push, pop, emit, next, backup, peek, ignore, errorf) ----

    private void push(State s) {
        stack.add(s);
    }

    private State pop() {
        if (stack.isEmpty()) {
            return errorf("BUG in lexer: no states to pop.");
        }
        return stack.remove(stack.size() - 1);
    }

    /** Emits the current token, with the escaped parts gathered before it (which are then used up). */
    private void emit(Item.Type type) {
        int valueLength = stringParts.size() + (pos - start);
        String value;
        if (stringParts.size() == 0) {
            value = goString(input, start, pos); // most tokens: straight from the input, no copy
        } else {
            stringParts.append(input, start, pos - start);
            value = stringParts.decode();
        }
        stringParts.clear();
        items.add(new Item(type, value, line, pos - ilstart - valueLength, tokenStart));
        start = pos;
        ilstart = lstart;
        tokenStart = pos;
    }

    private void addCurrentStringPart(int offset) {
        stringParts.append(input, start, pos - offset - start);
        start = pos;
    }

    private State addStringPart(byte[] bytes) {
        stringParts.append(bytes, 0, bytes.length);
        start = pos;
        return stringState;
    }

    private int next() {
        lastRuneStart = pos;
        if (pos >= length) {
            width = 0;
            return EOF;
        }
        int b = input[pos];
        if (b == '\n') {
            line++;
            lstart = pos;
        }
        if (b >= 0) { // ASCII, nearly every byte of a config
            width = 1;
            pos++;
            return b;
        }
        int decoded = decodeRune(input, pos, length);
        width = widthOf(decoded);
        pos += width;
        return runeOf(decoded);
    }

    /**
     * Go's utf8.DecodeRune of {@code bytes[at..end)}, packed as {@code width << 24 | rune}: an invalid
     * or cut-short sequence decodes to U+FFFD with width 1, so every bad byte counts once.
     */
    static int decodeRune(byte[] bytes, int at, int end) {
        int b0 = bytes[at] & 0xFF;
        if (b0 < 0x80) {
            return 1 << 24 | b0;
        }
        int need;
        int lo = 0x80;
        int hi = 0xBF;
        if (b0 >= 0xC2 && b0 <= 0xDF) {
            need = 1;
        } else if (b0 >= 0xE0 && b0 <= 0xEF) {
            need = 2;
            lo = b0 == 0xE0 ? 0xA0 : lo; // no overlong forms
            hi = b0 == 0xED ? 0x9F : hi; // no surrogates
        } else if (b0 >= 0xF0 && b0 <= 0xF4) {
            need = 3;
            lo = b0 == 0xF0 ? 0x90 : lo; // no overlong forms
            hi = b0 == 0xF4 ? 0x8F : hi; // nothing above U+10FFFF
        } else {
            return 1 << 24 | RUNE_ERROR;
        }
        int r = b0 & (0x7F >> (need + 1));
        for (int i = 1; i <= need; i++) {
            int b = at + i < end ? bytes[at + i] & 0xFF : -1;
            if (b < (i == 1 ? lo : 0x80) || b > (i == 1 ? hi : 0xBF)) {
                return 1 << 24 | RUNE_ERROR;
            }
            r = r << 6 | b & 0x3F;
        }
        return (need + 1) << 24 | r;
    }

    static int runeOf(int decoded) {
        return decoded & 0xFFFFFF;
    }

    static int widthOf(int decoded) {
        return decoded >>> 24;
    }

    /** Bytes as a Java string that keeps them all, as Go's string does: each invalid byte as its {@link ByteEscapes escape}. */
    static String goString(byte[] bytes, int from, int to) {
        int at = from;
        while (at < to && bytes[at] >= 0) {
            at++;
        }
        // The ASCII run, which every decoding reads alike, in one go: most tokens are nothing else.
        String ascii = new String(bytes, from, at - from, StandardCharsets.ISO_8859_1);
        if (at == to) {
            return ascii;
        }
        StringBuilder text = new StringBuilder(to - from).append(ascii);
        while (at < to) {
            int decoded = decodeRune(bytes, at, to);
            int rune = runeOf(decoded);
            int width = widthOf(decoded);
            boolean invalid = rune == RUNE_ERROR && width == 1; // a real U+FFFD has 3 bytes
            text.appendCodePoint(invalid ? ByteEscapes.of(bytes[at]) : rune);
            at += width;
        }
        return text.toString();
    }

    private void backup() {
        pos -= width;
        if (pos < length && input[pos] == '\n') {
            line--;
        }
    }

    private int peek() {
        int r = next();
        backup();
        return r;
    }

    private void ignore() {
        start = pos;
        ilstart = lstart;
        tokenStart = pos;
    }

    /** Emits an error item; runes among the arguments are shown as the server shows them. */
    private State errorf(String format, Object... values) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] instanceof Integer rune) {
                values[i] = escapeSpecial(rune);
            }
        }
        items.add(new Item(Item.Type.ERROR, String.format(format, values), line, pos - lstart,
                Math.min(lastRuneStart, length)));
        return null;
    }

    private static String escapeSpecial(int rune) {
        return rune == '\n' ? "\\n" : new String(Character.toChars(rune));
    }

    private static String quote(int rune) {
        return "\"" + (char) rune + "\"";
    }

    // ---- character classes (Go's unicode.IsSpace / IsDigit and lex.go's helpers) ----

    static boolean isSpace(int r) {
        if (r <= 0xFF) {
            return r == ' ' || (r >= '\t' && r <= '\r') || r == 0x85 || r == 0xA0;
        }
        int type = Character.getType(r);
        return type == Character.SPACE_SEPARATOR || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR;
    }

    static boolean isDigit(int r) {
        if (r <= 0xFF) {
            return r >= '0' && r <= '9';
        }
        return Character.isDigit(r);
    }

    private static boolean isWhitespace(int r) {
        return r == '\t' || r == ' ';
    }

    private static boolean isNL(int r) {
        return r == '\n' || r == '\r';
    }

    private static boolean isKeySeparator(int r) {
        return r == '=' || r == ':';
    }

    private static boolean isNumberSuffix(int r) {
        return switch (r) {
            case 'k', 'K', 'm', 'M', 'g', 'G', 't', 'T', 'p', 'P', 'e', 'E' -> true;
            default -> false;
        };
    }

    /**
     * What ends a number; anything else turns a digit-led token into an unquoted string. Since
     * v2.14.10 a digit after a size suffix does too ("1m30s", "0K1abc" are strings; before, an error).
     */
    private static boolean endsNumber(int r) {
        return isNL(r) || r == EOF || r == '}' || r == ';' || r == ',' || isWhitespace(r);
    }

    private boolean currentTokenEqualsIgnoreCase(String word) {
        int n = pos - start;
        if (n != word.length()) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            int c = input[start + i];
            if (c >= 'A' && c <= 'Z') {
                c += 'a' - 'A';
            }
            if (c != word.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    // ---- top level ----

    private static State lexTop(Lexer lx) {
        int r = lx.next();
        if (isSpace(r)) {
            lx.ignore();
            return Lexer::lexTop;
        }
        if (r == '{') { // a whole config in braces, the JSON way
            lx.push(Lexer::lexTop);
            lx.ignore();
            return Lexer::lexBlockStart;
        }
        return lx.entryStart(r, Lexer::lexTop, Lexer::lexTopValueEnd);
    }

    /**
     * What lexTop and lexBlockStart share once the rune read is neither a space nor a brace: a
     * comment, the end of input, or a key (after which {@code valueEnd} runs).
     */
    private State entryStart(int r, State self, State valueEnd) {
        switch (r) {
            case '#':
                push(self);
                return Lexer::lexCommentStart;
            case '/':
                if (next() == '/') {
                    push(self);
                    return Lexer::lexCommentStart;
                }
                backup();
                return endOfInput();
            case EOF:
                return endOfInput();
            default:
                backup();
                push(valueEnd);
                return Lexer::lexKeyStart;
        }
    }

    private State endOfInput() {
        if (pos > start) {
            return errorf("Unexpected EOF.");
        }
        emit(Item.Type.EOF);
        return null;
    }

    private static State lexTopValueEnd(Lexer lx) {
        int r = lx.next();
        if (r == '#') {
            lx.push(Lexer::lexTop);
            return Lexer::lexCommentStart;
        }
        if (r == '/') {
            if (lx.next() == '/') {
                lx.push(Lexer::lexTop);
                return Lexer::lexCommentStart;
            }
            lx.backup();
            return Lexer::lexTopValueEnd; // a lone '/' falls through to "whitespace" in lex.go
        }
        if (isWhitespace(r)) {
            return Lexer::lexTopValueEnd;
        }
        if (isNL(r) || r == EOF || r == ';' || r == ',' || r == '}') {
            lx.ignore();
            return Lexer::lexTop;
        }
        return lx.errorf("Expected a top-level value to end with a new line, comment or EOF, but got '%s' instead.", r);
    }

    // ---- blocks: entries between '{' and '}' at the top (lex.go's lexBlockStart, lexBlockValueEnd, lexBlockEnd) ----

    private static State lexBlockStart(Lexer lx) {
        int r = lx.next();
        if (isSpace(r)) {
            lx.ignore();
            return Lexer::lexBlockStart;
        }
        if (r == '{') {
            lx.push(Lexer::lexBlockEnd);
            lx.ignore();
            return Lexer::lexBlockStart;
        }
        if (r == '}') {
            lx.ignore();
            return lx.pop();
        }
        return lx.entryStart(r, Lexer::lexBlockStart, Lexer::lexBlockValueEnd);
    }

    private static State lexBlockValueEnd(Lexer lx) {
        int r = lx.next();
        if (r == '#') {
            lx.push(Lexer::lexBlockValueEnd);
            return Lexer::lexCommentStart;
        }
        if (r == '/') {
            if (lx.next() == '/') {
                lx.push(Lexer::lexBlockValueEnd);
                return Lexer::lexCommentStart;
            }
            lx.backup();
            return Lexer::lexBlockValueEnd; // a lone '/' falls through to "whitespace" in lex.go
        }
        if (isWhitespace(r)) {
            return Lexer::lexBlockValueEnd;
        }
        if (isNL(r) || r == ';' || r == ',') {
            lx.ignore();
            return Lexer::lexBlockStart;
        }
        if (r == '}') {
            lx.backup();
            return Lexer::lexBlockEnd;
        }
        return lx.errorf("Expected a block-level value to end with a new line, comment or EOF, but got '%s' instead.", r);
    }

    /** After a block's last entry, up to its '}'; a comment there goes back to lexBlockStart, as in lex.go. */
    private static State lexBlockEnd(Lexer lx) {
        int r = lx.next();
        if (r == '#') {
            lx.push(Lexer::lexBlockStart);
            return Lexer::lexCommentStart;
        }
        if (r == '/') {
            if (lx.next() == '/') {
                lx.push(Lexer::lexBlockStart);
                return Lexer::lexCommentStart;
            }
            lx.backup();
            return Lexer::lexBlockEnd; // a lone '/' falls through to "whitespace" in lex.go
        }
        if (isNL(r) || isWhitespace(r)) {
            return Lexer::lexBlockEnd;
        }
        if (r == ';' || r == ',') {
            lx.ignore();
            return Lexer::lexBlockStart;
        }
        if (r == '}') {
            lx.ignore();
            return lx.pop();
        }
        return lx.errorf("Expected a block-level to end with a '}', but got '%s' instead.", r);
    }

    // ---- keys ----

    private static State lexKeyStart(Lexer lx) {
        int r = lx.peek();
        if (isKeySeparator(r)) {
            return lx.errorf("Unexpected key separator '%s'", r);
        }
        // no white space to skip, unlike lex.go's copy of this state: lexTop and lexBlockStart have skipped it
        if (r == '"') {
            lx.next();
            lx.ignore();
            return Lexer::lexDubQuotedKey;
        }
        if (r == '\'') {
            lx.next();
            lx.ignore();
            return Lexer::lexQuotedKey;
        }
        lx.ignore();
        lx.next();
        return Lexer::lexKey;
    }

    private static State lexDubQuotedKey(Lexer lx) {
        return lx.quotedKey('"');
    }

    private static State lexQuotedKey(Lexer lx) {
        return lx.quotedKey('\'');
    }

    private State quotedKey(int quote) {
        while (true) {
            int r = peek();
            if (r == quote) {
                emit(Item.Type.KEY);
                next();
                ignore();
                return Lexer::lexKeyEnd;
            }
            if (r == EOF) {
                return endOfInput();
            }
            next();
        }
    }

    /** After a key followed by a space: the keyword {@code include}, or a plain key. */
    private State keyCheckKeyword(State fallThrough, State pushed) {
        if (currentTokenEqualsIgnoreCase("include")) {
            ignore();
            if (pushed != null) {
                push(pushed);
            }
            return Lexer::lexIncludeStart;
        }
        emit(Item.Type.KEY);
        return fallThrough;
    }

    private static State lexKey(Lexer lx) {
        while (true) {
            int r = lx.peek();
            if (isSpace(r)) {
                return lx.keyCheckKeyword(Lexer::lexKeyEnd, null);
            }
            if (isKeySeparator(r) || r == EOF) {
                lx.emit(Item.Type.KEY);
                return Lexer::lexKeyEnd;
            }
            lx.next();
        }
    }

    private static State lexKeyEnd(Lexer lx) {
        int r = lx.next();
        if (isSpace(r)) {
            lx.ignore();
            return Lexer::lexKeyEnd;
        }
        if (isKeySeparator(r)) {
            lx.ignore();
            return Lexer::lexValue;
        }
        if (r == EOF) {
            lx.emit(Item.Type.EOF);
            return null;
        }
        lx.backup();
        return Lexer::lexValue;
    }

    // ---- include ----

    private static State lexIncludeStart(Lexer lx) {
        int r = lx.next();
        if (isWhitespace(r)) {
            lx.ignore();
            return Lexer::lexIncludeStart;
        }
        lx.backup();
        return Lexer::lexInclude;
    }

    private static State lexInclude(Lexer lx) {
        int r = lx.next();
        if (r == '\'' || r == '"') {
            lx.ignore();
            return lx.quotedInclude(r);
        }
        if (r == '[') {
            return lx.errorf("Expected include value but found start of an array");
        }
        if (r == '{') {
            return lx.errorf("Expected include value but found start of a map");
        }
        if (r == '(') {
            return lx.errorf("Expected include value but found start of a block");
        }
        if (isDigit(r) || r == '-') {
            return lx.errorf("Expected include value but found start of a number");
        }
        if (r == '\\') {
            return lx.errorf("Expected include value but found escape sequence");
        }
        if (isNL(r)) {
            return lx.errorf("Expected include value but found new line");
        }
        lx.backup();
        return Lexer::lexIncludeString;
    }

    private State quotedInclude(int quote) {
        while (true) {
            int r = next();
            if (r == quote) {
                backup();
                emit(Item.Type.INCLUDE);
                next();
                ignore();
                return pop();
            }
            if (r == EOF) {
                return errorf(quote == '"' ? "Unexpected EOF in double quoted include" : "Unexpected EOF in quoted include");
            }
        }
    }

    private static State lexIncludeString(Lexer lx) {
        while (true) {
            int r = lx.next();
            if (isNL(r) || r == EOF || r == ';' || r == '}' || isWhitespace(r)) {
                lx.backup();
                lx.emit(Item.Type.INCLUDE);
                return lx.pop();
            }
            if (r == '\'') {
                lx.backup();
                lx.emit(Item.Type.INCLUDE);
                lx.next();
                lx.ignore();
                return lx.pop();
            }
        }
    }

    // ---- values ----

    private static State lexValue(Lexer lx) {
        int r = lx.next();
        if (isWhitespace(r)) {
            lx.ignore();
            return Lexer::lexValue;
        }
        switch (r) {
            case '[':
                lx.ignore();
                lx.emit(Item.Type.ARRAY_START);
                return Lexer::lexArrayValue;
            case '{':
                lx.ignore();
                lx.emit(Item.Type.MAP_START);
                return Lexer::lexMapKeyStart;
            case '\'':
                lx.ignore();
                return Lexer::lexQuotedString;
            case '"':
                lx.ignore();
                lx.stringState = Lexer::lexDubQuotedString;
                return Lexer::lexDubQuotedString;
            case '-':
                return Lexer::lexNegNumberStart;
            case '(':
                lx.ignore();
                return Lexer::lexBlock;
            case '.':
                return lx.errorf("Floats must start with a digit");
            default:
                break;
        }
        if (isDigit(r)) {
            return Lexer::lexNumberOrDateOrStringOrIP; // lex.go backs up and reads the digit again
        }
        if (isNL(r)) {
            return lx.errorf("Expected value but found new line");
        }
        lx.backup();
        lx.stringState = Lexer::lexString;
        return Lexer::lexString;
    }

    // ---- arrays ----

    private static State lexArrayValue(Lexer lx) {
        int r = lx.next();
        if (isSpace(r)) {
            lx.ignore();
            return Lexer::lexArrayValue;
        }
        if (r == '#') {
            lx.push(Lexer::lexArrayValue);
            return Lexer::lexCommentStart;
        }
        if (r == '/') {
            if (lx.next() == '/') {
                lx.push(Lexer::lexArrayValue);
                return Lexer::lexCommentStart;
            }
            lx.backup();
            return lx.errorf("Unexpected array value terminator '%s'.", (int) ',');
        }
        if (r == ',') {
            return lx.errorf("Unexpected array value terminator '%s'.", (int) ',');
        }
        if (r == ']') {
            return Lexer::lexArrayEnd;
        }
        lx.backup();
        lx.push(Lexer::lexArrayValueEnd);
        return Lexer::lexValue;
    }

    private static State lexArrayValueEnd(Lexer lx) {
        int r = lx.next();
        if (isWhitespace(r)) {
            lx.ignore();
            return Lexer::lexArrayValueEnd;
        }
        if (r == '#') {
            lx.push(Lexer::lexArrayValueEnd);
            return Lexer::lexCommentStart;
        }
        if (r == '/') {
            if (lx.next() == '/') {
                lx.push(Lexer::lexArrayValueEnd);
                return Lexer::lexCommentStart;
            }
            lx.backup();
            lx.ignore(); // a lone '/' falls through to "next value" in lex.go
            return Lexer::lexArrayValue;
        }
        if (r == ',' || isNL(r)) {
            lx.ignore();
            return Lexer::lexArrayValue;
        }
        if (r == ']') {
            return Lexer::lexArrayEnd;
        }
        return lx.errorf("Expected an array value terminator %s or an array terminator %s, but got '%s' instead.",
                quote(','), quote(']'), r);
    }

    private static State lexArrayEnd(Lexer lx) {
        lx.ignore();
        lx.emit(Item.Type.ARRAY_END);
        return lx.pop();
    }

    // ---- maps ----

    private static State lexMapKeyStart(Lexer lx) {
        int r = lx.peek();
        if (isKeySeparator(r)) {
            return lx.errorf("Unexpected key separator '%s'.", r);
        }
        if (r == ']') {
            return lx.errorf("Unexpected array end '%s' processing map.", r);
        }
        if (isSpace(r)) {
            lx.next();
            lx.ignore();
            return Lexer::lexMapKeyStart;
        }
        switch (r) {
            case '}':
                lx.next();
                lx.ignore();
                return Lexer::lexMapEnd;
            case '#':
                lx.next();
                lx.push(Lexer::lexMapKeyStart);
                return Lexer::lexCommentStart;
            case '/':
                lx.next();
                if (lx.next() == '/') {
                    lx.push(Lexer::lexMapKeyStart);
                    return Lexer::lexCommentStart;
                }
                lx.backup(); // lex.go then starts the key after the '/'
                break;
            case '\'':
                lx.next();
                lx.ignore();
                return Lexer::lexMapQuotedKey;
            case '"':
                lx.next();
                lx.ignore();
                return Lexer::lexMapDubQuotedKey;
            case EOF:
                return lx.errorf("Unexpected EOF processing map.");
            default:
                break;
        }
        lx.ignore();
        lx.next();
        return Lexer::lexMapKey;
    }

    private static State lexMapQuotedKey(Lexer lx) {
        return lx.quotedMapKey('\'', "Unexpected EOF processing quoted map key.");
    }

    private static State lexMapDubQuotedKey(Lexer lx) {
        return lx.quotedMapKey('"', "Unexpected EOF processing double quoted map key.");
    }

    private State quotedMapKey(int quote, String eofMessage) {
        while (true) {
            int r = peek();
            if (r == EOF) {
                return errorf(eofMessage);
            }
            if (r == quote) {
                emit(Item.Type.KEY);
                next();
                ignore();
                return Lexer::lexMapKeyEnd;
            }
            next();
        }
    }

    private static State lexMapKey(Lexer lx) {
        while (true) {
            int r = lx.peek();
            if (r == EOF) {
                return lx.errorf("Unexpected EOF processing map key.");
            }
            if (isSpace(r)) {
                return lx.keyCheckKeyword(Lexer::lexMapKeyEnd, Lexer::lexMapValueEnd);
            }
            if (isKeySeparator(r)) {
                lx.emit(Item.Type.KEY);
                return Lexer::lexMapKeyEnd;
            }
            lx.next();
        }
    }

    private static State lexMapKeyEnd(Lexer lx) {
        int r = lx.next();
        if (isSpace(r)) {
            lx.ignore();
            return Lexer::lexMapKeyEnd;
        }
        if (isKeySeparator(r)) {
            lx.ignore();
            return Lexer::lexMapValue;
        }
        lx.backup();
        return Lexer::lexMapValue;
    }

    private static State lexMapValue(Lexer lx) {
        int r = lx.next();
        if (isSpace(r)) {
            lx.ignore();
            return Lexer::lexMapValue;
        }
        if (r == ',') {
            return lx.errorf("Unexpected map value terminator %s.", quote(','));
        }
        if (r == '}') {
            lx.ignore();
            return Lexer::lexMapEnd;
        }
        lx.backup();
        lx.push(Lexer::lexMapValueEnd);
        return Lexer::lexValue;
    }

    private static State lexMapValueEnd(Lexer lx) {
        int r = lx.next();
        if (isWhitespace(r)) {
            lx.ignore();
            return Lexer::lexMapValueEnd;
        }
        if (r == '#') {
            lx.push(Lexer::lexMapValueEnd);
            return Lexer::lexCommentStart;
        }
        if (r == '/') {
            if (lx.next() == '/') {
                lx.push(Lexer::lexMapValueEnd);
                return Lexer::lexCommentStart;
            }
            lx.backup();
            lx.ignore(); // a lone '/' falls through to "next entry" in lex.go
            return Lexer::lexMapKeyStart;
        }
        if (r == ';' || r == ',' || isNL(r)) {
            lx.ignore();
            return Lexer::lexMapKeyStart;
        }
        if (r == '}') {
            lx.ignore();
            return Lexer::lexMapEnd;
        }
        return lx.errorf("Expected a map value terminator %s or a map terminator %s, but got '%s' instead.",
                quote(','), quote('}'), r);
    }

    private static State lexMapEnd(Lexer lx) {
        lx.ignore();
        lx.emit(Item.Type.MAP_END);
        return lx.pop();
    }

    // ---- strings ----

    private boolean isBool() {
        return currentTokenEqualsIgnoreCase("true") || currentTokenEqualsIgnoreCase("false")
                || currentTokenEqualsIgnoreCase("on") || currentTokenEqualsIgnoreCase("off")
                || currentTokenEqualsIgnoreCase("yes") || currentTokenEqualsIgnoreCase("no");
    }

    /** A '$'-led token is a variable; its name starts after the '$'. */
    private boolean isVariable() {
        // An empty value at the end of the input ("a =") is the empty string, in lex.go too.
        if (start < length && input[start] == '$') {
            start++;
            return true;
        }
        return false;
    }

    private static State lexQuotedString(Lexer lx) {
        while (true) {
            int r = lx.next();
            if (r == '\'') {
                lx.backup();
                lx.emit(Item.Type.STRING);
                lx.next();
                lx.ignore();
                return lx.pop();
            }
            if (r == EOF) {
                return lx.endOfInput();
            }
        }
    }

    private static State lexDubQuotedString(Lexer lx) {
        while (true) {
            int r = lx.next();
            if (r == '\\') {
                lx.addCurrentStringPart(1);
                return Lexer::lexStringEscape;
            }
            if (r == '"') {
                lx.backup();
                lx.emit(Item.Type.STRING);
                lx.next();
                lx.ignore();
                return lx.pop();
            }
            if (r == EOF) {
                return lx.endOfInput();
            }
        }
    }

    private static State lexString(Lexer lx) {
        while (true) {
            int r = lx.next();
            if (r == '\\') {
                lx.addCurrentStringPart(1);
                return Lexer::lexStringEscape;
            }
            if (isNL(r) || r == EOF || r == ';' || r == ',' || r == ']' || r == '}' || isWhitespace(r)) {
                lx.backup();
                if (!lx.stringParts.isEmpty()) {
                    lx.emit(Item.Type.STRING);
                } else if (lx.isBool()) {
                    lx.emit(Item.Type.BOOL);
                } else if (lx.isVariable()) {
                    lx.emit(Item.Type.VARIABLE);
                } else {
                    lx.emit(Item.Type.STRING);
                }
                return lx.pop();
            }
            if (r == '\'') {
                lx.backup();
                lx.emit(Item.Type.STRING);
                lx.next();
                lx.ignore();
                return lx.pop();
            }
        }
    }

    /** A block string: everything up to a ')' alone on its line. */
    private static State lexBlock(Lexer lx) {
        while (true) {
            int r = lx.next();
            if (r == EOF) {
                return lx.errorf("Unexpected EOF processing block.");
            }
            if (r != ')') {
                continue;
            }
            // lex.go steps back twice by the width of ')' to look at the rune before it.
            lx.backup();
            lx.backup();
            if (lx.next() != '\n') {
                lx.next();
                continue;
            }
            lx.next();
            int after = lx.next();
            if (after == '\n' || after == EOF) {
                lx.backup();
                lx.backup();
                lx.emit(Item.Type.STRING);
                lx.next();
                lx.ignore();
                return lx.pop();
            }
            lx.backup();
        }
    }

    private static State lexStringEscape(Lexer lx) {
        int r = lx.next();
        return switch (r) {
            case 'x' -> Lexer::lexStringBinary;
            case 't' -> lx.addStringPart(new byte[] {'\t'});
            case 'n' -> lx.addStringPart(new byte[] {'\n'});
            case 'r' -> lx.addStringPart(new byte[] {'\r'});
            case '"' -> lx.addStringPart(new byte[] {'"'});
            case '\\' -> lx.addStringPart(new byte[] {'\\'});
            default -> lx.errorf("Invalid escape character '%s'. Only the following escape characters are allowed: "
                    + "\\xXX, \\t, \\n, \\r, \\\", \\\\.", r);
        };
    }

    private static State lexStringBinary(Lexer lx) {
        if (isNL(lx.next()) || isNL(lx.next())) {
            return lx.errorf("Expected two hexadecimal digits after '\\x', but hit end of line");
        }
        int offset = lx.pos - 2;
        int high = Character.digit(lx.input[offset], 16);
        int low = Character.digit(lx.input[offset + 1], 16);
        if (high < 0 || low < 0) {
            return lx.errorf("Expected two hexadecimal digits after '\\x', but got '%s'",
                    goString(lx.input, offset, offset + 2));
        }
        lx.addStringPart(new byte[] {(byte) (high << 4 | low)});
        return lx.stringState;
    }

    // ---- numbers, datetimes, IP-like strings ----

    private static State lexNumberOrDateOrStringOrIP(Lexer lx) {
        while (true) {
            int r = lx.next();
            if (r == '-') {
                if (lx.pos - lx.start != 5) {
                    return lx.errorf("All ISO8601 dates must be in full Zulu form.");
                }
                return Lexer::lexDateAfterYear;
            }
            if (isDigit(r)) {
                continue;
            }
            if (r == '.') {
                return Lexer::lexFloatStart; // a float at first, but could be an IP
            }
            if (isNumberSuffix(r)) {
                return Lexer::lexConvenientNumber;
            }
            if (!endsNumber(r)) {
                // A digit-led token that goes on with something else is an unquoted string
                // (10s, 1abc); note that ']' is not among the enders: "[1]" lexes "1]".
                lx.stringState = Lexer::lexString;
                return Lexer::lexString;
            }
            lx.backup();
            lx.emit(Item.Type.INTEGER);
            return lx.pop();
        }
    }

    /** A size suffix, e.g. 1k or 1MiB: any run of b/i after the letter is taken. */
    private static State lexConvenientNumber(Lexer lx) {
        int r;
        do {
            r = lx.next();
        } while (r == 'b' || r == 'B' || r == 'i' || r == 'I');
        lx.backup();
        if (endsNumber(r)) {
            lx.emit(Item.Type.INTEGER);
            return lx.pop();
        }
        lx.stringState = Lexer::lexString;
        return Lexer::lexString;
    }

    private static final char[] DATETIME_AFTER_YEAR = "00-00T00:00:00Z".toCharArray();

    private static State lexDateAfterYear(Lexer lx) {
        for (char f : DATETIME_AFTER_YEAR) {
            int r = lx.next();
            if (f == '0') {
                if (!isDigit(r)) {
                    return lx.errorf("Expected digit in ISO8601 datetime, but found '%s' instead.", r);
                }
            } else if (f != r) {
                return lx.errorf("Expected '%s' in ISO8601 datetime, but found '%s' instead.", (int) f, r);
            }
        }
        lx.emit(Item.Type.DATETIME);
        return lx.pop();
    }

    private static State lexNegNumberStart(Lexer lx) {
        int r = lx.next();
        if (!isDigit(r)) {
            return r == '.' ? lx.errorf("Floats must start with a digit, not '.'.")
                    : lx.errorf("Expected a digit but got '%s'.", r);
        }
        return Lexer::lexNegNumber;
    }

    private static State lexNegNumber(Lexer lx) {
        while (true) {
            int r = lx.next();
            if (isDigit(r)) {
                continue;
            }
            if (r == '.') {
                return Lexer::lexFloatStart;
            }
            if (isNumberSuffix(r)) {
                return Lexer::lexConvenientNumber;
            }
            lx.backup();
            lx.emit(Item.Type.INTEGER);
            return lx.pop();
        }
    }

    private static State lexFloatStart(Lexer lx) {
        int r = lx.next();
        if (!isDigit(r)) {
            return lx.errorf("Floats must have a digit after the '.', but got '%s' instead.", r);
        }
        return Lexer::lexFloat;
    }

    private static State lexFloat(Lexer lx) {
        while (true) {
            int r = lx.next();
            if (isDigit(r)) {
                continue;
            }
            if (r == '.') {
                return Lexer::lexIPAddr; // a second '.': not a float after all
            }
            lx.backup();
            lx.emit(Item.Type.FLOAT);
            return lx.pop();
        }
    }

    private static State lexIPAddr(Lexer lx) {
        while (true) {
            int r = lx.next();
            if (isDigit(r) || r == '.' || r == ':' || r == '-') {
                continue;
            }
            lx.backup();
            lx.emit(Item.Type.STRING);
            return lx.pop();
        }
    }

    // ---- comments ----

    private static State lexCommentStart(Lexer lx) {
        lx.ignore();
        lx.emit(Item.Type.COMMENT_START);
        return Lexer::lexComment;
    }

    private static State lexComment(Lexer lx) {
        while (true) {
            int r = lx.peek();
            if (isNL(r) || r == EOF) {
                lx.emit(Item.Type.TEXT);
                return lx.pop();
            }
            lx.next();
        }
    }

    /** The bytes of a string being built from escaped parts. */
    private static final class ByteBuffer {
        private byte[] bytes = new byte[64];
        private int size;
        private boolean touched;

        void append(byte[] source, int offset, int count) {
            touched = true;
            if (size + count > bytes.length) {
                bytes = java.util.Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + count));
            }
            System.arraycopy(source, offset, bytes, size, count);
            size += count;
        }

        int size() {
            return size;
        }

        /** lex.go tests "any parts", not "any bytes": an empty part counts. */
        boolean isEmpty() {
            return !touched;
        }

        void clear() {
            size = 0;
            touched = false;
        }

        String decode() {
            return goString(bytes, 0, size);
        }
    }
}
