package finding

import (
	"strconv"
	"strings"
	"testing"
)

func TestSourcePositionCountsCharacters(t *testing.T) {
	s := &Source{Text: []byte("{\n  \"é\": \"ünïcode\",\r\n  \"b\": 1\n}")}
	// Offset of the value "ünïcode" (after `  "é": `): bytes, not characters.
	off := len("{\n  \"é\": ")
	end := off + len(`"ünïcode"`)
	line, col, length := s.Position(off, end)
	if line != 2 || col != 8 || length != 9 {
		t.Errorf("got %d:%d+%d, want 2:8+9", line, col, length)
	}
	if l, ok := s.Line(2); !ok || l != `  "é": "ünïcode",` {
		t.Errorf("line 2 = %q (the \\r must go)", l)
	}
	if _, ok := s.Line(9); ok {
		t.Error("line 9 exists")
	}
}

func TestSourceLineRedacts(t *testing.T) {
	text := `{"ClientSecret": "abc123secretvalue", "X": "abc123secretvalue"}`
	s := &Source{Text: []byte(text)}
	s.Redact = [][2]int{{18, 35}}
	if l, _ := s.Line(1); l != `{"ClientSecret": "****", "X": "abc123secretvalue"}` {
		t.Errorf("range redaction: %s", l)
	}
	s.Secrets = []string{"abc123secretvalue"}
	if l, _ := s.Line(1); l != `{"ClientSecret": "****", "X": "****"}` {
		t.Errorf("string redaction: %s", l)
	}
}

func TestPaths(t *testing.T) {
	for path, parent := range map[string]string{"A.B[2]": "A.B", "A.B": "A", "A": "", "A[1][2]": "A[1]"} {
		if got := Parent(path); got != parent {
			t.Errorf("Parent(%q) = %q, want %q", path, got, parent)
		}
	}
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"CallbackURLs", "CallbackURLs[1]", true},
		{"CallbackURLs[1]", "CallbackURLs", true},
		{"CallbackURLs", "CallbackURLs", true},
		{"CallbackURLs", "CallbackURLsX", false},
		{"TokenValidityUnits", "TokenValidityUnits.AccessToken", true},
		{"A[1]", "A[10]", false},
	} {
		if got := Overlaps(c.a, c.b); got != c.want {
			t.Errorf("Overlaps(%q, %q) = %v", c.a, c.b, got)
		}
	}
}

func TestSeverity(t *testing.T) {
	for _, s := range []string{"error", "warning", "info"} {
		v, err := ParseSeverity(s)
		if err != nil || v.String() != s {
			t.Errorf("%s: %v %v", s, v, err)
		}
	}
	if _, err := ParseSeverity("fatal"); err == nil {
		t.Error("fatal accepted")
	}
	if !(Info < Warning && Warning < Error) {
		t.Error("order")
	}
}

func TestIncomplete(t *testing.T) {
	for _, tt := range []struct {
		r    Report
		want bool
	}{
		{Report{}, false},
		{Report{Findings: []Finding{{Rule: "syntax", Severity: Error}}}, false},
		{Report{Findings: []Finding{{Rule: "policy-error", Severity: Info}}}, true},
		{Report{Suppressed: []Finding{{Rule: "unreadable-file", Severity: Error}}}, true},
	} {
		if got := tt.r.Incomplete(); got != tt.want {
			t.Errorf("%+v: Incomplete %v", tt.r, got)
		}
	}
}

// TestDuplicateKeyLastWins: a key written twice reads as its last value, the
// one CloudFormation and the AWS CLI keep, and positions point there.
func TestDuplicateKeyLastWins(t *testing.T) {
	first := &Node{Kind: String, Str: "first", Pos: Pos{Line: 1, Col: 1}}
	last := &Node{Kind: String, Str: "last", Pos: Pos{Line: 2, Col: 1}}
	root := &Node{Kind: Object, Fields: []Field{{Key: "ClientName", Value: first}, {Key: "ClientName", Value: last, KeyPos: Pos{Line: 2, Col: 1}}}}
	d := &Document{Root: root}
	if n, _ := d.Lookup("ClientName"); n != last {
		t.Errorf("Lookup = %v, want the last value", n.Str)
	}
	if l, _, _ := d.PositionOf("ClientName"); l != 2 {
		t.Errorf("PositionOf line %d, want 2", l)
	}
}

func TestRedact(t *testing.T) {
	const sec = `abcdEFGH"ijkl`
	for _, tc := range []struct{ in, want string }{
		{"x abcdEFGH\"ijkl y", "x **** y"},
		{`"abcdEFGH\"ijkl"`, `"****"`},                                          // quoted: the escape
		{`ClientName "0123abcdEFG"… is long`, `ClientName "0123****"… is long`}, // cut short, quoted
		{`value 0123abcdE… is long`, `value 0123****… is long`},                 // cut short
		{`value 0123abc… is long`, `value 0123abc… is long`},                    // three bytes: not a secret's start
		{`"abcdEFGH\"i"…`, `"****"…`},                                           // cut short in its escaped form
		{`abcdEFGH"ijk and abcd… and abcdEFGH"ijkl`, `abcdEFGH"ijk and ****… and ****`},
	} {
		if got := Redact(tc.in, []string{sec}); got != tc.want {
			t.Errorf("Redact(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	if got := Redact("abc…", []string{"abc"}); got != "abc…" {
		t.Errorf("a secret of three bytes: %q", got)
	}
}

// FuzzRedact: whatever the text and the secret (four bytes or more), the
// text redacted holds neither the secret nor its quoted form, and a text
// cut short ("…") does not end in the secret's first half.
func FuzzRedact(f *testing.F) {
	f.Add("x abcdEFGH y", "abcdEFGH")
	f.Add(`ClientName "0123abcdE"… is long`, "abcdEFGH")
	f.Add(`"a\"b\\c"`, `a"b\c`)
	f.Fuzz(func(t *testing.T, s, sec string) {
		if len(sec) < 4 || strings.Trim(sec, "*") == "" {
			return // a secret of stars is its own replacement
		}
		got := Redact(s, []string{sec})
		if strings.Contains(got, sec) {
			t.Fatalf("Redact(%q, %q) = %q holds the secret", s, sec, got)
		}
		if q := strconv.Quote(sec); strings.Contains(got, q[1:len(q)-1]) {
			t.Fatalf("Redact(%q, %q) = %q holds the quoted secret", s, sec, got)
		}
		if half := sec[:(len(sec)+1)/2]; len(half) >= 4 && strings.Contains(got, half+"…") {
			t.Fatalf("Redact(%q, %q) = %q ends a cut value in the secret", s, sec, got)
		}
	})
}
