package report

import (
	"bufio"
	"io"
	"strconv"
	"strings"

	"github.com/cognitolint/cognitolint/finding"
)

// GitHub writes GitHub Actions workflow commands, one per finding:
//
//	::error file=F,line=L,col=C,endColumn=E,title=RULE::message
//
// (::warning and ::notice for the lower severities), escaped as the
// runner requires, then the summary line. The annotations do not fail the
// job; the exit code does.
func GitHub(w io.Writer, r *finding.Report, opts Options) error {
	return writeWhole(newGitHubStream(w, opts), r)
}

type githubStream struct {
	bw     *bufio.Writer
	base   string
	totals Totals
}

func newGitHubStream(w io.Writer, opts Options) *githubStream {
	return &githubStream{bw: bufio.NewWriter(w), base: opts.BaseDir}
}

func (s *githubStream) File(r *finding.Report) error {
	s.totals.add(r)
	for i := range r.Findings {
		s.bw.WriteString(githubCommand(&r.Findings[i], s.base))
		s.bw.WriteByte('\n')
	}
	return s.bw.Flush()
}

func (s *githubStream) Close(total *finding.Report) error {
	s.totals.setFiles(total)
	s.bw.WriteString(summaryLine(s.totals))
	s.bw.WriteByte('\n')
	return s.bw.Flush()
}

func githubCommand(f *finding.Finding, base string) string {
	cmd := "notice"
	switch f.Severity {
	case finding.Error:
		cmd = "error"
	case finding.Warning:
		cmd = "warning"
	}
	var props []string
	if file := relPath(f.File, base); file != "" && file != "-" {
		props = append(props, "file="+githubProperty(Escape(file)))
		if f.Line > 0 {
			props = append(props, "line="+strconv.Itoa(f.Line))
			if f.Column > 0 {
				props = append(props, "col="+strconv.Itoa(f.Column))
				if f.Length > 0 {
					props = append(props, "endColumn="+strconv.Itoa(f.Column+f.Length))
				}
			}
		}
	}
	props = append(props, "title="+githubProperty(Escape(f.Rule)))
	msg := Escape(f.Message)
	if f.Resource != "" {
		msg = Escape(f.Resource) + ": " + msg
	}
	if f.Hint != "" {
		msg += "\nhint: " + Escape(f.Hint)
	}
	return "::" + cmd + " " + strings.Join(props, ",") + "::" + githubData(msg)
}

// githubData escapes a command's message as the runner's
// escapeData does: %, \r and \n.
func githubData(s string) string { return dataEscaper.Replace(s) }

// githubProperty escapes a property value as the runner's escapeProperty
// does: also ':' and ','.
func githubProperty(s string) string { return propertyEscaper.Replace(s) }

var (
	dataEscaper     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	propertyEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)
