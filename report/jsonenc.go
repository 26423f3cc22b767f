package report

import (
	"encoding/json"
	"strconv"
	"unicode/utf8"

	"github.com/cognitolint/cognitolint/finding"
)

// appendFindingJSON appends what json.MarshalIndent(f, prefix, "  ") gives,
// without reflection and its second pass over the bytes to indent them: the
// JSON output writes a finding per problem, and MarshalIndent was the
// largest part of the writer's time. TestAppendFindingJSON and
// FuzzAppendFindingJSON hold the two equal.
func appendFindingJSON(b []byte, f *finding.Finding, prefix string) ([]byte, error) {
	in := prefix + "  "
	member := func(b []byte, name string) []byte {
		b = append(b, ",\n"...)
		b = append(b, in...)
		b = append(b, '"')
		b = append(b, name...)
		return append(b, `": `...)
	}
	b = append(b, "{\n"...)
	b = append(b, in...)
	b = append(b, `"rule": `...)
	b = appendJSONString(b, f.Rule)
	sev, err := f.Severity.MarshalText()
	if err != nil {
		return b, err
	}
	b = appendJSONString(member(b, "severity"), string(sev))
	b = appendJSONString(member(b, "message"), f.Message)
	b = appendJSONString(member(b, "hint"), f.Hint)
	b = appendJSONString(member(b, "file"), f.File)
	b = strconv.AppendInt(member(b, "line"), int64(f.Line), 10)
	b = strconv.AppendInt(member(b, "column"), int64(f.Column), 10)
	b = appendJSONString(member(b, "path"), f.Path)
	b = appendJSONString(member(b, "resource"), f.Resource)
	b = appendJSONString(member(b, "operation"), f.Operation)
	b = appendJSONString(member(b, "layer"), f.Layer)
	b = appendJSONString(member(b, "policy"), f.Policy)
	if f.Reason != "" {
		b = appendJSONString(member(b, "reason"), f.Reason)
	}
	if f.Fix != nil {
		fix, err := json.MarshalIndent(f.Fix, in, "  ")
		if err != nil {
			return b, err
		}
		b = append(member(b, "fix"), fix...)
	}
	b = append(b, '\n')
	b = append(b, prefix...)
	return append(b, '}'), nil
}

const hexDigits = "0123456789abcdef"

// appendJSONString appends s as encoding/json writes a string (HTML
// characters escaped, as json.Marshal does): invalid UTF-8 becomes
// U+FFFD, U+2028 and U+2029 are escaped.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '\\', '"':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
