// conforacle: what nats-server's own config parser (conf package, the version go.mod pins) makes of
// a config, printed in the shared nats-conf corpus' JSON format, so that natsguard's Java parser
// can be compared with it (io.natsguard.testing.GoConfOracle builds and runs it).
//
//	conforacle FILE        FILE.json's typed tree on stdout; the error on stderr, exit 1
//	conforacle -pos FILE   the same tree with positions (FILE.pos.json)
//	conforacle -paths      one line per file on stdin ("PATH" or "PATH<TAB>{env JSON}"):
//	                       conf.ParseFileWithChecks of each, one result line each
//	conforacle -inputs     inputs on stdin, each a 4-byte big-endian length and the bytes:
//	                       conf.ParseWithChecks (pedantic, no file) of each, one result line each
//
// A result line is a JSON object: {"verdict":"ok","tree":...,"pos":...}, {"verdict":"error",
// "error":TEXT} or {"verdict":"crash","error":PANIC} (the parser panicked; the server would die).
// Strings are written as encoding/json writes them, a byte that is not UTF-8 as U+FFFD, and keys in
// Go's byte order: two keys that differ only in such bytes are both written, in that order, so a
// JSON reader that keeps duplicate keys tells them apart.
package main

import (
	"bufio"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/nats-io/nats-server/v2/conf"
)

// token is what ParseFileWithChecks and ParseWithChecks store as every value.
type token interface {
	Value() any
	Line() int
	Position() int
	SourceFile() string
	IsUsedVariable() bool
}

type result struct {
	Verdict string          `json:"verdict"`
	Error   string          `json:"error,omitempty"`
	Tree    json.RawMessage `json:"tree,omitempty"`
	Pos     json.RawMessage `json:"pos,omitempty"`
}

func main() {
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	switch {
	case len(os.Args) == 2 && os.Args[1] == "-paths":
		eachPath(out)
	case len(os.Args) == 2 && os.Args[1] == "-inputs":
		eachInput(out)
	case len(os.Args) == 2 && !strings.HasPrefix(os.Args[1], "-"):
		single(out, os.Args[1], false)
	case len(os.Args) == 3 && os.Args[1] == "-pos":
		single(out, os.Args[2], true)
	default:
		fmt.Fprintln(os.Stderr, "usage: conforacle [-pos] FILE | conforacle -paths | conforacle -inputs")
		os.Exit(64)
	}
}

func single(out *bufio.Writer, path string, positions bool) {
	m, err := conf.ParseFileWithChecks(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if positions {
		out.WriteString(posJSON(m, path))
	} else {
		out.WriteString(treeJSON(m))
	}
	out.WriteString("\n")
}

func eachPath(out *bufio.Writer) {
	lines := bufio.NewScanner(os.Stdin)
	lines.Buffer(make([]byte, 1<<20), 1<<20)
	for lines.Scan() {
		path, env, _ := strings.Cut(lines.Text(), "\t")
		os.Clearenv()
		if env != "" {
			vars := map[string]string{}
			if err := json.Unmarshal([]byte(env), &vars); err != nil {
				fmt.Fprintln(os.Stderr, "bad environment for", path, err)
				os.Exit(64)
			}
			for k, v := range vars {
				os.Setenv(k, v)
			}
		}
		report(out, path, func() (map[string]any, error) { return conf.ParseFileWithChecks(path) })
	}
}

func eachInput(out *bufio.Writer) {
	in := bufio.NewReader(os.Stdin)
	for {
		var n uint32
		if err := binary.Read(in, binary.BigEndian, &n); err != nil {
			if err == io.EOF {
				return
			}
			fmt.Fprintln(os.Stderr, "reading a length:", err)
			os.Exit(64)
		}
		data := make([]byte, n)
		if _, err := io.ReadFull(in, data); err != nil {
			fmt.Fprintln(os.Stderr, "reading an input:", err)
			os.Exit(64)
		}
		report(out, "", func() (map[string]any, error) { return conf.ParseWithChecks(string(data)) })
	}
}

// report prints one result line, flushed: the caller waits for it before it sends more.
func report(out *bufio.Writer, path string, parse func() (map[string]any, error)) {
	r := run(path, parse)
	line, _ := json.Marshal(r)
	out.Write(line)
	out.WriteString("\n")
	out.Flush()
}

func run(path string, parse func() (map[string]any, error)) (r result) {
	defer func() {
		if p := recover(); p != nil {
			r = result{Verdict: "crash", Error: fmt.Sprint(p)}
		}
	}()
	m, err := parse()
	if err != nil {
		return result{Verdict: "error", Error: err.Error()}
	}
	return result{Verdict: "ok", Tree: json.RawMessage(treeJSON(m)), Pos: json.RawMessage(posJSON(m, path))}
}

// treeJSON: maps as objects with sorted keys, integers without '.', floats always with '.' or an
// exponent, datetimes as {"$datetime": ...}.
func treeJSON(m map[string]any) string {
	var b strings.Builder
	writeTree(&b, m)
	return b.String()
}

func writeTree(b *strings.Builder, v any) {
	if t, ok := v.(token); ok {
		v = t.Value()
	}
	switch x := v.(type) {
	case map[string]any:
		b.WriteString("{")
		for i, k := range sortedKeys(x) {
			if i > 0 {
				b.WriteString(",")
			}
			writeString(b, k)
			b.WriteString(":")
			writeTree(b, x[k])
		}
		b.WriteString("}")
	case []any:
		b.WriteString("[")
		for i, e := range x {
			if i > 0 {
				b.WriteString(",")
			}
			writeTree(b, e)
		}
		b.WriteString("]")
	default:
		writeScalar(b, x)
	}
}

// posJSON: every value as {"type","line","col",["file"],["usedVariable"],"value"}; the root map
// has null positions; "file" only for values from another file than the one parsed.
func posJSON(m map[string]any, path string) string {
	var b strings.Builder
	b.WriteString(`{"type":"map","line":null,"col":null,"value":`)
	writePosMap(&b, m, path)
	b.WriteString("}")
	return b.String()
}

func writePosMap(b *strings.Builder, m map[string]any, path string) {
	b.WriteString("{")
	for i, k := range sortedKeys(m) {
		if i > 0 {
			b.WriteString(",")
		}
		writeString(b, k)
		b.WriteString(":")
		writePos(b, m[k], path)
	}
	b.WriteString("}")
}

// writePos writes one value; a value that is no token (inside an environment variable's value,
// which the server parses without positions) gets null positions.
func writePos(b *strings.Builder, v any, path string) {
	t, ok := v.(token)
	if ok {
		v = t.Value()
		fmt.Fprintf(b, `{"type":%q,"line":%d,"col":%d,`, typeName(v), t.Line(), t.Position())
		if t.SourceFile() != path {
			b.WriteString(`"file":`)
			writeString(b, t.SourceFile())
			b.WriteString(",")
		}
		if t.IsUsedVariable() {
			b.WriteString(`"usedVariable":true,`)
		}
	} else {
		fmt.Fprintf(b, `{"type":%q,"line":null,"col":null,`, typeName(v))
	}
	b.WriteString(`"value":`)
	switch x := v.(type) {
	case map[string]any:
		writePosMap(b, x, path)
	case []any:
		b.WriteString("[")
		for i, e := range x {
			if i > 0 {
				b.WriteString(",")
			}
			writePos(b, e, path)
		}
		b.WriteString("]")
	default:
		writeScalar(b, x)
	}
	b.WriteString("}")
}

func typeName(v any) string {
	switch v.(type) {
	case map[string]any:
		return "map"
	case []any:
		return "array"
	case string:
		return "string"
	case int64:
		return "int"
	case float64:
		return "float"
	case bool:
		return "bool"
	case time.Time:
		return "datetime"
	}
	panic(fmt.Sprintf("unexpected value type %T", v))
}

func writeScalar(b *strings.Builder, v any) {
	switch x := v.(type) {
	case string:
		writeString(b, x)
	case int64:
		b.WriteString(strconv.FormatInt(x, 10))
	case float64:
		b.WriteString(formatFloat(x))
	case bool:
		b.WriteString(strconv.FormatBool(x))
	case time.Time:
		b.WriteString(`{"$datetime":`)
		writeString(b, x.Format("2006-01-02T15:04:05Z"))
		b.WriteString("}")
	default:
		panic(fmt.Sprintf("unexpected value type %T", v))
	}
}

// formatFloat writes a float as encoding/json does, with ".0" added where it would read as an integer.
func formatFloat(f float64) string {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		panic(fmt.Sprintf("a float JSON cannot hold: %v", f))
	}
	text, _ := json.Marshal(f)
	s := string(text)
	if !strings.ContainsAny(s, ".eE") {
		s += ".0"
	}
	return s
}

func writeString(b *strings.Builder, s string) {
	text, _ := json.Marshal(s)
	b.Write(text)
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
