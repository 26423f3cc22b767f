package input

import (
	"bytes"
	"encoding/json"
	"strings"

	"github.com/cognitolint/cognitolint/finding"
)

// scanSecrets finds, in the raw text of any file, the values written under
// keys that look like "client secret" (finding.SecretKey: ClientSecret,
// clientSecret, client_secret, ClientSecert…) and registers them with the
// source: their byte spans in Redact, their text in Secrets. It runs
// before any parsing, so that redaction depends neither on the format, nor
// on the file parsing (a syntax error on the secret's line shows that line
// redacted), nor on the key being spelt right. The span redacted is the
// raw text — escapes and all — of a string, a list, an object, a tagged
// value (!Sub "…"), a plain YAML scalar with its continuation lines or a
// YAML block. It over-redacts rather than under-redacts: a value it cannot
// delimit runs to the end of its line.
func scanSecrets(source *finding.Source) {
	src := &secretScan{Source: source, seen: map[string]bool{}}
	for _, x := range source.Secrets {
		src.seen[x] = true
	}
	text := src.Text
	jsonish := looksLikeJSON(text)
	for i := 0; i < len(text); i++ {
		c := text[i]
		if c != ':' && c != '=' {
			continue
		}
		keyStart, ok := secretKeyBefore(text, i)
		if !ok {
			continue
		}
		if end := secretValue(src, keyStart, i+1, jsonish); end > i {
			i = end - 1
		}
	}
}

// secretKeyBefore reads the key that ends before the ':' or '=' at i (a
// quoted string or a bare word) and reports where it starts and whether
// it looks like "client secret".
func secretKeyBefore(text []byte, i int) (int, bool) {
	k := i
	for k > 0 && (text[k-1] == ' ' || text[k-1] == '\t') {
		k--
	}
	if k == 0 {
		return 0, false
	}
	if q := text[k-1]; q == '"' || q == '\'' {
		// A quoted key: back to its opening quote, on the same line.
		end := k - 1
		start := end - 1
		for start >= 0 && end-start <= 96 && text[start] != '\n' {
			if text[start] == q && (start == 0 || text[start-1] != '\\') {
				break
			}
			start--
		}
		if start < 0 || text[start] != q || end-start > 96 {
			return 0, false
		}
		raw := text[start+1 : end]
		key := string(raw)
		if q == '"' && bytes.IndexByte(raw, '\\') >= 0 {
			var s string
			if json.Unmarshal(text[start:end+1], &s) == nil {
				key = s // "Client\u0053ecret"
			}
		}
		return start, finding.SecretKey(key)
	}
	start := k
	for start > 0 && k-start <= 64 && isKeyByte(text[start-1]) {
		start--
	}
	if start == k || k-start > 64 {
		return 0, false
	}
	return start, finding.SecretKey(string(text[start:k]))
}

func isKeyByte(c byte) bool {
	return isWordByte(c) || c == '-' || c == '.'
}

// secretValue registers the value that starts after the separator at j
// (skipping blanks) and returns the offset after it.
func secretValue(src *secretScan, keyStart, j int, jsonish bool) int {
	text := src.Text
	lineStart := bytes.LastIndexByte(text[:keyStart], '\n') + 1
	keyCol := keyStart - lineStart
	j = skipBlanks(text, j)
	// A YAML tag (!Sub, !Join, !!str) is not the value: what follows is.
	if j < len(text) && text[j] == '!' {
		for j < len(text) && text[j] != ' ' && text[j] != '\t' && text[j] != '\n' {
			j++
		}
		j = skipBlanks(text, j)
	}
	if j >= len(text) {
		return j
	}
	switch c := text[j]; {
	case c == '\n' || c == '\r' || c == '#' || (c == '|' || c == '>') && !jsonish:
		// A YAML block: a nested list or object, or a block scalar.
		return redactBlock(src, lineEnd(text, j), keyCol)
	case c == '"' || c == '\'':
		end := closeQuote(text, j)
		if end < 0 {
			// Not closed: the file does not parse; all the rest may be
			// the secret. (Bounded by the file: the scan ends here.)
			redact(src, j+1, len(text))
			return len(text)
		}
		redact(src, j+1, end)
		if c == '"' {
			var s string
			if json.Unmarshal(text[j:end+1], &s) == nil {
				noteSecret(src, s)
			}
		}
		return end + 1
	case c == '[' || c == '{':
		end := closeBracket(text, j)
		if end < 0 {
			end = len(text) // not closed: as an unclosed string
		}
		redact(src, j+1, end)
		// The strings inside, decoded, for messages that quote one.
		for k := j + 1; k < end; k++ {
			if text[k] == '"' {
				e := closeQuote(text, k)
				if e < 0 || e > end {
					break
				}
				var s string
				if json.Unmarshal(text[k:e+1], &s) == nil {
					noteSecret(src, s)
				}
				k = e
			}
		}
		return end
	}
	// A bare value: a JSON number or word ends at , } ]; a plain YAML
	// scalar runs to the end of the line (or a comment) and goes on on
	// the lines indented deeper.
	end := j
	for end < len(text) && text[end] != '\n' && text[end] != '\r' {
		if jsonish && (text[end] == ',' || text[end] == '}' || text[end] == ']') {
			break
		}
		if !jsonish && text[end] == '#' && (text[end-1] == ' ' || text[end-1] == '\t') {
			break
		}
		end++
	}
	for end > j && (text[end-1] == ' ' || text[end-1] == '\t') {
		end--
	}
	redact(src, j, end)
	if jsonish {
		return end
	}
	first := string(text[j:end])
	next := redactBlock(src, lineEnd(text, end), keyCol)
	// The folded value, as a YAML parser gives it, for messages.
	folded := first
	for _, l := range bytes.Split(text[lineEnd(text, end):next], []byte("\n")) {
		if l := strings.TrimSpace(string(l)); l != "" {
			folded += " " + l
		}
	}
	noteSecret(src, folded)
	return next
}

// redactBlock redacts the lines after from that are indented deeper than
// col (or are list items at col), and returns the offset after them.
func redactBlock(src *secretScan, from, col int) int {
	text := src.Text
	i := from
	if i < len(text) && text[i] == '\n' {
		i++
	}
	last := from
	for i < len(text) {
		end := lineEnd(text, i)
		ind := 0
		for i+ind < end && (text[i+ind] == ' ' || text[i+ind] == '\t') {
			ind++
		}
		content := bytes.TrimRight(text[i+ind:end], " \t\r")
		switch {
		case len(content) == 0:
			// A blank line may sit inside a block.
		case ind > col || ind == col && (bytes.HasPrefix(content, []byte("- ")) || string(content) == "-"):
			redact(src, i+ind, i+ind+len(content))
			noteSecret(src, strings.TrimPrefix(string(content), "- "))
			last = end
		default:
			return last
		}
		if end >= len(text) {
			break
		}
		i = end + 1
	}
	return last
}

func redact(src *secretScan, from, to int) {
	if to > from {
		src.Redact = append(src.Redact, [2]int{from, to})
		if to-from <= 4096 {
			noteSecret(src, string(src.Text[from:to]))
		}
	}
}

// noteSecret records a value for messages. Short values are left out, as
// rules.Redact leaves them: too common as substrings.
func noteSecret(src *secretScan, s string) {
	s = strings.TrimSpace(s)
	if len(s) < 4 || src.seen[s] {
		return
	}
	src.seen[s] = true
	src.Secrets = append(src.Secrets, s)
}

// secretScan is one scan of a source: the values noted so far.
type secretScan struct {
	*finding.Source
	seen map[string]bool
}

func skipBlanks(text []byte, j int) int {
	for j < len(text) && (text[j] == ' ' || text[j] == '\t') {
		j++
	}
	return j
}

func lineEnd(text []byte, j int) int {
	if k := bytes.IndexByte(text[j:], '\n'); k >= 0 {
		return j + k
	}
	return len(text)
}

// closeQuote returns the offset of the quote that closes the string
// opened at j, or -1. In a double-quoted string a backslash escapes; in a
// single-quoted (YAML) one, a doubled quote.
func closeQuote(text []byte, j int) int {
	q := text[j]
	for k := j + 1; k < len(text); k++ {
		switch text[k] {
		case '\\':
			if q == '"' {
				k++
			}
		case q:
			if q == '\'' && k+1 < len(text) && text[k+1] == '\'' {
				k++
				continue
			}
			return k
		}
	}
	return -1
}

// closeBracket returns the offset of the bracket that closes the one at j
// (strings skipped), or -1.
func closeBracket(text []byte, j int) int {
	depth := 0
	for k := j; k < len(text); k++ {
		switch text[k] {
		case '[', '{':
			depth++
		case ']', '}':
			depth--
			if depth == 0 {
				return k
			}
		case '"':
			e := closeQuote(text, k)
			if e < 0 {
				return -1
			}
			k = e
		}
	}
	return -1
}
