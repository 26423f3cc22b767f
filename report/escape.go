package report

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// Escape makes text from input (a file name, a value quoted in a message,
// a source line) safe to print to a terminal or a CI log: C0 and C1
// control characters (ESC starts terminal sequences), DEL, the Unicode
// bidirectional controls that reorder what a reader sees (the "Trojan
// Source" characters, CVE-2021-42574), line and paragraph separators and
// bytes that are not UTF-8 are written as Go escapes: \x1b, \n, \u202e,
// \xff. Everything else, non-ASCII letters included, is kept. The text and
// GitHub outputs use it wherever they print a file name or input text; the
// JSON, SARIF and JUnit encoders escape for their own formats.
func Escape(s string) string {
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c < 0x7f {
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if unsafeRune(r, size) {
			var b strings.Builder
			b.Grow(len(s) + 8)
			b.WriteString(s[:i])
			for j := i; j < len(s); {
				r, size := utf8.DecodeRuneInString(s[j:])
				b.WriteString(escapeRune(r, size, s[j:j+size], false))
				j += size
			}
			return b.String()
		}
		i += size
	}
	return s
}

// unsafeRune reports whether the rune (of size bytes) must be escaped.
func unsafeRune(r rune, size int) bool {
	switch {
	case r < 0x20 || r == 0x7f || r >= 0x80 && r <= 0x9f:
		return true
	case r == utf8.RuneError && size == 1:
		return true // not UTF-8
	case r == 0x061c || r == 0x200e || r == 0x200f || r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069:
		return true // bidirectional controls
	case r == 0x2028 || r == 0x2029:
		return true // line and paragraph separators
	}
	return false
}

// escapeRune returns how the rune raw (r, of size bytes) is printed. In a
// source line (snippet) a tab is four spaces; elsewhere it is \t.
func escapeRune(r rune, size int, raw string, snippet bool) string {
	if !unsafeRune(r, size) {
		return raw
	}
	switch {
	case r == '\t' && snippet:
		return "    "
	case r == utf8.RuneError && size == 1:
		return `\x` + hex2(raw[0])
	case r == '\n':
		return `\n`
	case r == '\r':
		return `\r`
	case r == '\t':
		return `\t`
	case r < 0x80:
		return `\x` + hex2(byte(r))
	}
	s := strconv.FormatInt(int64(r), 16)
	return `\u` + strings.Repeat("0", 4-len(s)) + s
}

func hex2(c byte) string {
	const digits = "0123456789abcdef"
	return string([]byte{digits[c>>4], digits[c&15]})
}
