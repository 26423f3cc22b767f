package rules

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Hand-written matchers for the model's patterns, each equal to the
// anchored regular expression (TestMatchersEqualPatterns proves it) and
// an order of magnitude faster: the lint path runs them on every URL.

func isWord(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
}

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// allBytes reports whether s is non-empty and every byte satisfies ok.
func allBytes(s string, ok func(byte) bool) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !ok(s[i]) {
			return false
		}
	}
	return true
}

// asciiTable is a set of ASCII bytes for the fast path of allRunes.
type asciiTable [utf8.RuneSelf]bool

func newASCIITable(ok func(byte) bool) *asciiTable {
	var t asciiTable
	for c := range utf8.RuneSelf {
		t[c] = ok(byte(c))
	}
	return &t
}

// allRunes reports whether s is non-empty valid UTF-8 whose every rune is
// in one of the Unicode categories; ASCII bytes are looked up in ascii.
func allRunes(s string, ascii *asciiTable, tables ...*unicode.RangeTable) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if !ascii[c] {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			return false
		}
		if !unicode.In(r, tables...) {
			return false
		}
		i += size
	}
	return true
}

// Printable ASCII without space is in L, N, P or S; with space also in Z.
var (
	asciiNoSpace = newASCIITable(func(c byte) bool { return c > 0x20 && c < 0x7F })
	asciiSpace   = newASCIITable(func(c byte) bool { return c >= 0x20 && c < 0x7F })
)

// [\p{L}\p{M}\p{S}\p{N}\p{P}]+: printable ASCII but space.
func matchRedirectURL(s string) bool {
	return allRunes(s, asciiNoSpace, unicode.L, unicode.M, unicode.S, unicode.N, unicode.P)
}

// [\p{L}\p{M}\p{S}\p{N}\p{P}\p{Z}]+: printable ASCII with space.
func matchProviderName(s string) bool {
	return allRunes(s, asciiSpace, unicode.L, unicode.M, unicode.S, unicode.N, unicode.P, unicode.Z)
}

// [\x21\x23-\x5B\x5D-\x7E]+
func matchScope(s string) bool {
	return allBytes(s, func(c byte) bool { return c == 0x21 || c >= 0x23 && c <= 0x5B || c >= 0x5D && c <= 0x7E })
}

// [\w+]+
func matchClientID(s string) bool {
	return allBytes(s, func(c byte) bool { return isWord(c) || c == '+' })
}

// [\w\s+=,.@-]+ with Java's \s (space, \t, \n, \x0B, \f, \r).
func matchClientName(s string) bool {
	return allBytes(s, func(c byte) bool {
		switch c {
		case ' ', '\t', '\n', '\x0B', '\f', '\r', '+', '=', ',', '.', '@', '-':
			return true
		}
		return isWord(c)
	})
}

// [\w-]+_[0-9a-zA-Z]+: the suffix cannot hold '_', so the split is at the
// last underscore.
func matchUserPoolID(s string) bool {
	last := -1
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] == '_' {
			last = i
			break
		}
	}
	if last < 1 {
		return false
	}
	return allBytes(s[:last], func(c byte) bool { return isWord(c) || c == '-' }) && allBytes(s[last+1:], isAlnum)
}

// ^[0-9a-fA-F]+$
func matchHex(s string) bool {
	return allBytes(s, func(c byte) bool { return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' })
}

func isARNChar(c byte) bool {
	switch c {
	case '+', '=', '/', ',', '.', '@', '-':
		return true
	}
	return isWord(c)
}

// arn:[\w+=/,.@-]+:[\w+=/,.@-]+:([\w+=/,.@-]*)?:[0-9]+:[\w+=/,.@-]+(:[\w+=/,.@-]+)?(:[\w+=/,.@-]+)?
// The class has no ':', so the value splits on ':' into 6 to 8 parts.
func matchARN(s string) bool {
	parts := strings.Split(s, ":")
	if len(parts) < 6 || len(parts) > 8 || parts[0] != "arn" {
		return false
	}
	for i, p := range parts[1:] {
		switch i + 1 {
		case 3: // the region may be empty
			if p != "" && !allBytes(p, isARNChar) {
				return false
			}
		case 4:
			if !allBytes(p, func(c byte) bool { return c >= '0' && c <= '9' }) {
				return false
			}
		default:
			if !allBytes(p, isARNChar) {
				return false
			}
		}
	}
	return true
}
