package finding

import (
	"strconv"
	"strings"
)

// SecretKey reports whether a member name looks like "client secret":
// ClientSecret, clientSecret, client_secret, CLIENT-SECRET, and misspelt
// ones such as ClientSecert or ClientScret. Letter case and everything but
// letters are ignored; what remains is within two edits of
// "clientsecret". A value under such a key is a secret wherever it is
// written and whatever its type: no output shows it and policies see
// "****" (issue 8, item 5: redaction must not depend on the key being spelt
// right).
func SecretKey(key string) bool {
	const want = "clientsecret"
	var buf [24]byte
	n := 0
	for i := 0; i < len(key); i++ {
		c := key[i]
		switch {
		case c >= 'A' && c <= 'Z':
			c += 'a' - 'A'
		case c >= 'a' && c <= 'z':
		default:
			continue
		}
		if n == len(buf) {
			return false
		}
		buf[n] = c
		n++
	}
	if n < len(want)-2 || n > len(want)+2 || !lettersNear(buf[:n], want) {
		return false
	}
	return editDistance(buf[:n], want) <= 2
}

// lettersNear is a quick test that a and b (lower-case letters) can be
// within two edits: an edit changes the count of at most two letters by
// one, so two edits change the letter counts by at most 4 in all. Most
// member names fail it, and need no edit distance.
func lettersNear(a []byte, b string) bool {
	var count [26]int8
	for _, c := range a {
		count[c-'a']++
	}
	for i := 0; i < len(b); i++ {
		count[b[i]-'a']--
	}
	diff := 0
	for _, c := range count {
		if c < 0 {
			c = -c
		}
		diff += int(c)
	}
	return diff <= 4
}

// editDistance is the Levenshtein distance of a and b (short strings).
func editDistance(a []byte, b string) int {
	var prev, cur [32]int
	for j := 0; j <= len(b); j++ {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}

// Redact replaces every secret of four characters or more in s by "****":
// as written, as a quoted string shows it (escapes), and where s shows a
// value cut short ("…" after its first characters) that ends in the
// beginning of a secret. Messages quote values and clip long ones, so a
// secret inside another value could otherwise show in part.
func Redact(s string, secrets []string) string {
	for _, sec := range secrets {
		if len(sec) < 4 {
			continue
		}
		s = replaceAll(s, sec)
		// The quoted form, of as much of the secret as s could show (a
		// secret of megabytes is not quoted whole for every message).
		q := ""
		if needsQuote(sec) {
			part := sec[:min(len(sec), len(s))]
			q = strconv.Quote(part)
			q = q[1 : len(q)-1]
			if part == sec {
				s = replaceAll(s, q)
			}
		}
		if strings.Contains(s, "…") {
			s = redactCut(s, sec)
			if q != "" {
				s = redactCut(s, q)
			}
		}
	}
	return s
}

// replaceAll replaces sec in s by "****" until none is left: a replacement
// can make a new occurrence ("*000" in "*000000" gives "****000"). Each
// pass turns a character other than '*' into one, so it ends; a secret of
// stars only is its own replacement and is left alone.
func replaceAll(s, sec string) string {
	if strings.Trim(sec, "*") == "" {
		return s
	}
	for strings.Contains(s, sec) {
		s = strings.ReplaceAll(s, sec, "****")
	}
	return s
}

// needsQuote reports whether strconv.Quote may write s otherwise than
// as it is: it has a quote, a backslash, a control byte or a byte past
// ASCII.
func needsQuote(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f || c == '"' || c == '\\' {
			return true
		}
	}
	return false
}

// redactCut replaces, before each "…" of s (or before the closing quote
// that precedes it), an end of the text that is the first four or more
// bytes of sec.
func redactCut(s, sec string) string {
	var b strings.Builder
	for {
		i := strings.Index(s, "…")
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		before := s[:i]
		// The value may end there, or at the closing quote of its quoted
		// form: the secret's start is looked for both ways.
		if cut, ok := cutSecretEnd(before, sec); ok {
			before = cut
		} else if q, ok := strings.CutSuffix(before, `"`); ok {
			if cut, ok := cutSecretEnd(q, sec); ok {
				before = cut + `"`
			}
		}
		b.WriteString(before)
		b.WriteString("…")
		s = s[i+len("…"):]
	}
}

// cutSecretEnd replaces the longest end of s that is the first four or
// more bytes of sec by "****".
func cutSecretEnd(s, sec string) (string, bool) {
	for n := min(len(sec)-1, len(s)); n >= 4; n-- {
		if strings.HasSuffix(s, sec[:n]) {
			return s[:len(s)-n] + "****", true
		}
	}
	return s, false
}
