package report

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/cognitolint/cognitolint/finding"
)

const (
	ansiReset  = "\x1b[0m"
	ansiBold   = "\x1b[1m"
	ansiRed    = "\x1b[31m"
	ansiYellow = "\x1b[33m"
	ansiCyan   = "\x1b[36m"
	ansiGreen  = "\x1b[32m"
	ansiDim    = "\x1b[2m"
)

// Text writes findings as a compiler does: file:line:col: severity:
// message [rule], the source line with a marker under the value, the hint,
// and a summary line.
func Text(w io.Writer, r *finding.Report, opts Options) error {
	return writeWhole(newTextStream(w, opts), r)
}

type textStream struct {
	bw     *bufio.Writer
	paint  func(code, s string) string
	totals Totals
}

func newTextStream(w io.Writer, opts Options) *textStream {
	return &textStream{bw: bufio.NewWriter(w), paint: func(code, s string) string {
		if !opts.Color {
			return s
		}
		return code + s + ansiReset
	}}
}

func (s *textStream) File(r *finding.Report) error {
	s.totals.add(r)
	bw, paint := s.bw, s.paint
	for i := range r.Findings {
		f := &r.Findings[i]
		loc := Escape(f.File)
		if loc == "" {
			loc = "<request>"
		}
		if f.Line > 0 {
			loc += ":" + strconv.Itoa(f.Line) + ":" + strconv.Itoa(f.Column)
		}
		if f.Resource != "" && f.Line == 0 {
			loc += " (" + Escape(f.Resource) + ")"
		}
		sev := f.Severity.String()
		switch f.Severity {
		case finding.Error:
			sev = paint(ansiRed+ansiBold, sev)
		case finding.Warning:
			sev = paint(ansiYellow+ansiBold, sev)
		default:
			sev = paint(ansiCyan+ansiBold, sev)
		}
		fmt.Fprintf(bw, "%s: %s: %s %s\n", paint(ansiBold, loc), sev, Escape(f.Message), paint(ansiDim, "["+Escape(f.Rule)+"]"))
		if src := r.Sources[f.File]; src != nil && f.Line > 0 {
			if line, ok := src.Line(f.Line); ok {
				writeSnippet(bw, line, f, paint)
			}
		}
		if f.Hint != "" {
			if f.Line > 0 && r.Sources[f.File] != nil {
				fmt.Fprintf(bw, "%s= %s %s\n", strings.Repeat(" ", len(strconv.Itoa(f.Line))+2), paint(ansiGreen, "hint:"), Escape(f.Hint))
			} else {
				fmt.Fprintf(bw, "  = %s %s\n", paint(ansiGreen, "hint:"), Escape(f.Hint))
			}
		}
		writeFixLine(bw, f, r.Sources[f.File] != nil, paint)
	}
	// Flush each file's findings, which shows them as they come and keeps
	// the buffer small.
	return bw.Flush()
}

func (s *textStream) Close(total *finding.Report) error {
	s.totals.setFiles(total)
	fmt.Fprintln(s.bw, summaryLine(s.totals))
	return s.bw.Flush()
}

func writeSnippet(w io.Writer, line string, f *finding.Finding, paint func(string, string) string) {
	num := strconv.Itoa(f.Line)
	pad := strings.Repeat(" ", len(num)+2)
	// Keep long lines readable: show a window of characters around the
	// column. Control characters are escaped (a tab is four spaces), and
	// the marker counts what is printed, so that it stays under the value.
	col := max(f.Column, 1)
	n := max(1, f.Length)
	total := utf8.RuneCountInString(line)
	start, end := 0, total
	if total > 160 {
		start = max(0, col-61)
		end = min(total, start+140)
	}
	var b strings.Builder
	before, marked := 0, 0 // printed characters before and under the marker
	if start > 0 {
		b.WriteString("…")
		before++
	}
	for i, off := 0, 0; off < len(line) && i < end; i++ {
		r, size := utf8.DecodeRuneInString(line[off:])
		if i >= start {
			piece := escapeRune(r, size, line[off:off+size], true)
			b.WriteString(piece)
			switch c, w := i+1, utf8.RuneCountInString(piece); {
			case c < col:
				before += w
			case c < col+n:
				marked += w
			}
		}
		off += size
	}
	if end < total {
		b.WriteString("…")
	}
	fmt.Fprintf(w, "%s|\n", pad)
	fmt.Fprintf(w, " %s | %s\n", num, b.String())
	marker := "^" + strings.Repeat("~", max(1, marked)-1)
	fmt.Fprintf(w, "%s| %s%s\n", pad, strings.Repeat(" ", before), paint(ansiRed, marker))
}

// Summary is the closing line: counts, or "no problems in N files (M
// documents)".
func Summary(r *finding.Report) string { return summaryLine(totalsOf(r)) }

func summaryLine(t Totals) string {
	files := plural(t.Files, "file", "files")
	if t.Findings == 0 {
		if t.Documents > 0 && t.NothingKnown == t.Documents {
			// Not "no problems": nothing was checked (inputs.md, Honest
			// coverage).
			return fmt.Sprintf("nothing checked in %s: every member of %s is unknown until deploy%s", files,
				plural(t.Documents, "document", "documents"), extras(t))
		}
		return "no problems in " + files + " (" + plural(t.Documents, "document", "documents") + ")" + extras(t)
	}
	var parts []string
	if n := t.Errors; n > 0 {
		parts = append(parts, plural(n, "error", "errors"))
	}
	if n := t.Warnings; n > 0 {
		parts = append(parts, plural(n, "warning", "warnings"))
	}
	if n := t.Infos; n > 0 {
		parts = append(parts, plural(n, "info", "infos"))
	}
	return fmt.Sprintf("%s in %s (%s)%s", strings.Join(parts, ", "), files,
		plural(t.Documents, "document", "documents"), extras(t))
}

func extras(t Totals) string {
	var parts []string
	if t.Skipped > 0 {
		parts = append(parts, plural(t.Skipped, "file", "files")+" skipped")
	}
	if n := t.Suppressed; n > 0 {
		parts = append(parts, plural(n, "finding", "findings")+" suppressed")
	}
	if n := t.Unknown; n > 0 {
		parts = append(parts, plural(n, "value", "values")+" not checked (unknown until deploy)")
	}
	if n := t.NothingKnown; n > 0 && !(t.Findings == 0 && n == t.Documents) {
		// (When nothing at all was checked the line says so already.)
		parts = append(parts, plural(n, "document", "documents")+" with every member unknown")
	}
	if len(parts) == 0 {
		return ""
	}
	return "; " + strings.Join(parts, ", ")
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// writeFixLine says, under the hint, that the finding has a fix and what
// it does, so that a reader of the text output learns of --fix.
func writeFixLine(w io.Writer, f *finding.Finding, snippet bool, paint func(string, string) string) {
	if f.Fix == nil {
		return
	}
	pad := "  "
	if f.Line > 0 && snippet {
		pad = strings.Repeat(" ", len(strconv.Itoa(f.Line))+2)
	}
	fmt.Fprintf(w, "%s= %s %s (--fix applies it)\n", pad, paint(ansiGreen, "fix:"), f.Fix.Description)
}
