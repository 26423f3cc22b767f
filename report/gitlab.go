package report

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"strconv"
	"strings"

	"github.com/cognitolint/cognitolint/finding"
)

// GitLab writes a GitLab Code Quality report (artifacts: reports:
// codequality; gitlab docs/ci/testing/code_quality.md): a JSON array with
// an issue per finding, each with description, check_name (the rule ID), a
// fingerprint that stays the same while the rule, file, member path and
// resource do (GitLab shows equal fingerprints once, and compares them
// between the source and target branch), severity, location.path relative
// to the working directory and location.lines.begin. Suppressed findings
// are left out: GitLab has no notion of them.
func GitLab(w io.Writer, r *finding.Report, opts Options) error {
	return writeWhole(newGitLabStream(w, opts), r)
}

type gitlabIssue struct {
	Description string         `json:"description"`
	CheckName   string         `json:"check_name"`
	Fingerprint string         `json:"fingerprint"`
	Severity    string         `json:"severity"`
	Location    gitlabLocation `json:"location"`
}

type gitlabLocation struct {
	Path  string      `json:"path"`
	Lines gitlabLines `json:"lines"`
}

type gitlabLines struct {
	Begin int `json:"begin"`
}

// gitlabSeverity maps a finding's severity to Code Quality's scale (info,
// minor, major, critical, blocker): info and warning are info and minor;
// an error is major, critical for a security rule (sec-*), and blocker
// when an input could not be linted at all (finding.CouldNotLint), since
// then nothing about it is known.
func gitlabSeverity(f *finding.Finding) string {
	switch {
	case finding.CouldNotLint(f.Rule):
		return "blocker"
	case f.Severity == finding.Error && strings.HasPrefix(f.Rule, "sec-"):
		return "critical"
	case f.Severity == finding.Error:
		return "major"
	case f.Severity == finding.Warning:
		return "minor"
	}
	return "info"
}

// gitlabStream writes each issue when its file comes.
type gitlabStream struct {
	w    io.Writer
	opts Options
	n    int
}

func newGitLabStream(w io.Writer, opts Options) *gitlabStream {
	return &gitlabStream{w: w, opts: opts}
}

func (s *gitlabStream) File(r *finding.Report) error {
	// Findings that hash alike are told apart by their order: those of one
	// file come in one call (fingerprints include the file).
	seen := map[string]int{}
	var buf bytes.Buffer
	for i := range r.Findings {
		f := &r.Findings[i]
		path := relPath(f.File, s.opts.BaseDir)
		desc := f.Message
		if f.Hint != "" {
			desc += " (hint: " + f.Hint + ")"
		}
		key := strings.Join([]string{f.Rule, path, f.Resource, f.Path}, "\x00")
		seen[key]++
		if n := seen[key]; n > 1 {
			key += "\x00" + strconv.Itoa(n)
		}
		h := sha256.Sum256([]byte(key))
		issue := gitlabIssue{
			Description: desc, CheckName: f.Rule, Fingerprint: hex.EncodeToString(h[:16]),
			Severity: gitlabSeverity(f),
			Location: gitlabLocation{Path: path, Lines: gitlabLines{Begin: max(f.Line, 1)}},
		}
		buf.Reset()
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		enc.SetIndent("  ", "  ")
		if err := enc.Encode(issue); err != nil {
			return err
		}
		sep := ",\n  "
		if s.n == 0 {
			sep = "[\n  "
		}
		if _, err := io.WriteString(s.w, sep); err != nil {
			return err
		}
		if _, err := s.w.Write(bytes.TrimSuffix(buf.Bytes(), []byte("\n"))); err != nil {
			return err
		}
		s.n++
	}
	return nil
}

func (s *gitlabStream) Close(*finding.Report) error {
	end := "\n]\n"
	if s.n == 0 {
		end = "[]\n"
	}
	_, err := io.WriteString(s.w, end)
	return err
}
