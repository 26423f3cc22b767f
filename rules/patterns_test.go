package rules

import (
	"testing"
	"unicode/utf8"
)

var matchers = []struct {
	pattern string
	match   func(string) bool
}{
	{`[\p{L}\p{M}\p{S}\p{N}\p{P}]+`, matchRedirectURL},
	{`[\p{L}\p{M}\p{S}\p{N}\p{P}\p{Z}]+`, matchProviderName},
	{`[\x21\x23-\x5B\x5D-\x7E]+`, matchScope},
	{`[\w+]+`, matchClientID},
	{`[\w\s+=,.@-]+`, matchClientName},
	{`[\w-]+_[0-9a-zA-Z]+`, matchUserPoolID},
	{`^[0-9a-fA-F]+$`, matchHex},
	{arnPattern, matchARN},
}

var matcherSeeds = []string{
	"", " ", "a", "_", "a_", "_a", "a_b", "us-east-1_AbC", "us-east-1_", "a-b_c_d", "a b", "a\tb", "a\x0Bb",
	"https://a.io/x", "https://a.io/é", "https://a.io/ x", "a\u00a0b", "a\u2028b", "💥", "\xff", "a\"b", `a\b`,
	"Café", "name+=,.@-", "0xFF", "deadBEEF", "x\x00", "\u0301", "a\u200bb",
	"arn:aws:iam::123456789012:role/x", "arn:aws:mobiletargeting:us-east-1:123456789012:apps/abc", "arn:aws:iam::acct:role/x",
	"arn:a:b:c:1:d:e:f", "arn:a:b:c:1:d:e:f:g", "arn:a:b::1:d", "arn:a::c:1:d", "arn:a:b:c::d", "arn:a:b:c:1:", "arn:a:b:c:1:d::f", "ARN:a:b:c:1:d",
}

// TestMatchersEqualPatterns: each fast matcher agrees with the anchored
// model regexp on the seeds.
func TestMatchersEqualPatterns(t *testing.T) {
	for _, m := range matchers {
		re := anchored(m.pattern)
		for _, s := range matcherSeeds {
			if !utf8.ValidString(s) {
				if m.match(s) {
					t.Errorf("%s accepts invalid UTF-8 %q", m.pattern, s)
				}
				continue
			}
			if got, want := m.match(s), re.MatchString(s); got != want {
				t.Errorf("%s on %q: matcher %v, regexp %v", m.pattern, s, got, want)
			}
		}
	}
}

// FuzzMatchersEqualPatterns extends the comparison to generated strings.
func FuzzMatchersEqualPatterns(f *testing.F) {
	for _, s := range matcherSeeds {
		f.Add(s)
	}
	res := make([]func(string) bool, len(matchers))
	for i, m := range matchers {
		res[i] = anchored(m.pattern).MatchString
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		for i, m := range matchers {
			if got, want := m.match(s), res[i](s); got != want {
				t.Errorf("%s on %q: matcher %v, regexp %v", m.pattern, s, got, want)
			}
		}
	})
}
