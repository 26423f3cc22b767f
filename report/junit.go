package report

import (
	"bytes"
	"encoding/xml"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/cognitolint/cognitolint/finding"
)

// The JUnit XML that Jenkins, GitLab and Azure DevOps read: the common
// subset of the Ant schema.
type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Time     string       `xml:"time,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Errors   int         `xml:"errors,attr"`
	Skipped  int         `xml:"skipped,attr"`
	Time     string      `xml:"time,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string         `xml:"name,attr"`
	Classname string         `xml:"classname,attr"`
	File      string         `xml:"file,attr,omitempty"`
	Time      string         `xml:"time,attr"`
	Failures  []junitFailure `xml:"failure"`
	SystemOut string         `xml:"system-out,omitempty"`
}

type junitFailure struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",chardata"`
}

// JUnit writes JUnit XML: a <testsuite> per file, a <testcase> per
// document (named by its resource, or by the file), and a <failure> per
// finding at or above opts.FailOn, typed by severity. Findings below
// FailOn and suppressed findings are listed in the test case's
// <system-out>, so a passing case still shows them.
func JUnit(w io.Writer, r *finding.Report, opts Options) error {
	return writeWhole(newJUnitStream(w, opts), r)
}

// junitStream writes each file's <testsuite> when the file comes, to a
// spool, since <testsuites> carries the totals first; Close writes it and
// the suites.
type junitStream struct {
	w               io.Writer
	opts            Options
	suites          spool
	tests, failures int
}

func newJUnitStream(w io.Writer, opts Options) *junitStream {
	return &junitStream{w: w, opts: opts}
}

// File writes the suites of a part of the report: one file's, or (for a
// whole report) every file's, sorted by name.
func (s *junitStream) File(r *finding.Report) error {
	opts := s.opts
	type key struct{ file, resource string }
	cases := map[key]*junitCase{}
	var order []key
	caseFor := func(file, resource string) *junitCase {
		k := key{file, resource}
		if c, ok := cases[k]; ok {
			return c
		}
		name := resource
		if name == "" {
			name = relPath(file, opts.BaseDir)
		}
		if name == "" {
			name = "<request>"
		}
		c := &junitCase{Name: name, Classname: junitClass(file, opts.BaseDir), File: relPath(file, opts.BaseDir), Time: "0"}
		cases[k] = c
		order = append(order, k)
		return c
	}
	for _, t := range r.Targets {
		caseFor(t.File, t.Resource)
	}
	for i := range r.Findings {
		f := &r.Findings[i]
		c := caseFor(f.File, f.Resource)
		line := junitLine(f, opts.BaseDir)
		if opts.FailOn != 0 && f.Severity >= opts.FailOn {
			c.Failures = append(c.Failures, junitFailure{Message: f.Message, Type: f.Severity.String(), Text: line})
			continue
		}
		c.SystemOut += line + "\n"
	}
	for i := range r.Suppressed {
		f := &r.Suppressed[i]
		c := caseFor(f.File, f.Resource)
		c.SystemOut += "suppressed (" + f.Reason + "): " + junitLine(f, opts.BaseDir) + "\n"
	}

	suites := map[string]*junitSuite{}
	var names []string
	for _, k := range order {
		name := relPath(k.file, opts.BaseDir)
		if name == "" {
			name = "<request>"
		}
		su, ok := suites[name]
		if !ok {
			su = &junitSuite{Name: name, Time: "0"}
			suites[name] = su
			names = append(names, name)
		}
		c := cases[k]
		su.Cases = append(su.Cases, *c)
		su.Tests++
		if len(c.Failures) > 0 {
			su.Failures++
		}
	}
	sort.Strings(names)
	for _, n := range names {
		su := suites[n]
		s.tests += su.Tests
		s.failures += su.Failures
		// A suite is indented as a child of <testsuites>.
		if _, err := io.WriteString(&s.suites, "\n"); err != nil {
			return err
		}
		enc := xml.NewEncoder(&s.suites)
		enc.Indent("  ", "  ")
		if err := enc.EncodeElement(su, xml.StartElement{Name: xml.Name{Local: "testsuite"}}); err != nil {
			return err
		}
	}
	return nil
}

func (s *junitStream) Close(*finding.Report) error {
	defer s.suites.discard()
	// <testsuites> with its totals, empty: cut before its end tag to put
	// the suites in.
	var root bytes.Buffer
	enc := xml.NewEncoder(&root)
	enc.Indent("", "  ")
	if err := enc.Encode(junitSuites{Name: "cognitolint", Time: "0", Tests: s.tests, Failures: s.failures}); err != nil {
		return err
	}
	if _, err := io.WriteString(s.w, xml.Header); err != nil {
		return err
	}
	head := root.String()
	if s.tests == 0 {
		_, err := io.WriteString(s.w, head+"\n")
		return err
	}
	head = strings.TrimSuffix(head, "</testsuites>")
	if _, err := io.WriteString(s.w, head); err != nil {
		return err
	}
	if _, err := s.suites.WriteTo(s.w); err != nil {
		return err
	}
	_, err := io.WriteString(s.w, "\n</testsuites>\n")
	return err
}

// junitLine is one finding as the text output's first line, with its hint.
func junitLine(f *finding.Finding, base string) string {
	loc := relPath(f.File, base)
	if loc == "" {
		loc = "<request>"
	}
	if f.Line > 0 {
		loc += ":" + strconv.Itoa(f.Line) + ":" + strconv.Itoa(f.Column)
	}
	if f.Resource != "" {
		loc += " (" + f.Resource + ")"
	}
	s := loc + ": " + f.Severity.String() + ": " + f.Message + " [" + f.Rule + "]"
	if f.Path != "" {
		s += "\npath: " + f.Path
	}
	if f.Hint != "" {
		s += "\nhint: " + f.Hint
	}
	return s
}

// junitClass is a test case's classname: the file without its extension,
// dots made underscores, since Jenkins splits a classname at its dots into
// package and class.
func junitClass(file, base string) string {
	name := relPath(file, base)
	if name == "" {
		return "cognitolint"
	}
	if i := strings.LastIndexByte(name, '.'); i > strings.LastIndexByte(name, '/') {
		name = name[:i]
	}
	return "cognitolint." + strings.ReplaceAll(name, ".", "_")
}
