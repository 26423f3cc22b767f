package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/cognitolint/cognitolint/finding"
)

func TestEscape(t *testing.T) {
	for in, want := range map[string]string{
		"plain é ü 日本":        "plain é ü 日本",
		"a\x1b[31mred":        `a\x1b[31mred`,
		"new\nline\r\t":       `new\nline\r\t`,
		"bidi \u202eevil":     `bidi \u202eevil`,
		"iso \u2066x\u2069":   `iso \u2066x\u2069`,
		"c1 \u009b2J del\x7f": `c1 \u009b2J del\x7f`,
		"bad \xff\xfe":        `bad \xff\xfe`,
		"sep \u2028":          `sep \u2028`,
	} {
		if got := Escape(in); got != want {
			t.Errorf("Escape(%q) = %q, want %q", in, got, want)
		}
	}
}

// hostileReport has control bytes in the file name, the resource, the
// message, the hint and the source line.
func hostileReport() *finding.Report {
	file := "evil\x1b]0;pwned\x07\nname.json"
	src := &finding.Source{Name: file, Text: []byte("{\"A\": \"\x1b[2J\tx\u202e\"}\n")}
	return &finding.Report{Files: 1, Documents: 1,
		Findings: []finding.Finding{{Rule: "r\x1b", Severity: finding.Error, File: file, Line: 1, Column: 7, Length: 9,
			Resource: "Res\x1b[0m", Message: "value \"\x1b[2J\u202e\" is bad", Hint: "fix\x1b[1m it"}},
		Sources: map[string]*finding.Source{file: src}}
}

// TestNoControlBytesInTextOrGitHub: nothing from input reaches the
// terminal raw (issue 8, item 10); a newline in a file name does not split
// the file:line:col line.
func TestNoControlBytesInTextOrGitHub(t *testing.T) {
	for name, write := range map[string]func(*bytes.Buffer, *finding.Report) error{
		"text":   func(b *bytes.Buffer, r *finding.Report) error { return Text(b, r, Options{}) },
		"github": func(b *bytes.Buffer, r *finding.Report) error { return GitHub(b, r, Options{}) },
	} {
		var b bytes.Buffer
		if err := write(&b, hostileReport()); err != nil {
			t.Fatal(err)
		}
		out := b.String()
		for _, bad := range []string{"\x1b", "\x07", "\u202e", "\r"} {
			if strings.Contains(out, bad) {
				t.Errorf("%s: output holds %q:\n%s", name, bad, out)
			}
		}
		if first, _, _ := strings.Cut(out, "\n"); !strings.Contains(first, `evil\x1b]0;pwned\x07\nname.json`) {
			t.Errorf("%s: the first line does not name the whole file: %q", name, first)
		}
	}
}

// TestSnippetMarkerUnderEscapedText: the marker stays under the value when
// characters before it are printed as escapes or a tab.
func TestSnippetMarkerUnderEscapedText(t *testing.T) {
	var b bytes.Buffer
	f := &finding.Finding{Line: 1, Column: 3, Length: 4}
	writeSnippet(&b, "\x1b\t\"ab\"", f, func(_, s string) string { return s })
	lines := strings.Split(b.String(), "\n")
	if lines[1] != ` 1 | \x1b    "ab"` || lines[2] != `   | `+strings.Repeat(" ", 8)+"^~~~" {
		t.Errorf("snippet:\n%s", b.String())
	}
}
