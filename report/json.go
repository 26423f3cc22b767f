package report

import (
	"bufio"
	"encoding/json"
	"io"

	"github.com/cognitolint/cognitolint/finding"
)

type jsonReport struct {
	Version    int               `json:"version"`
	Tool       jsonTool          `json:"tool"`
	Summary    jsonSummary       `json:"summary"`
	Findings   []finding.Finding `json:"findings"`
	Suppressed []finding.Finding `json:"suppressed,omitempty"`
}

type jsonTool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

type jsonSummary struct {
	Files      int `json:"files"`
	Documents  int `json:"documents"`
	Errors     int `json:"errors"`
	Warnings   int `json:"warnings"`
	Infos      int `json:"infos"`
	Suppressed int `json:"suppressed"`
	Skipped    int `json:"skipped"`
	// Unknown counts the values unknown until deploy, which no rule
	// checked (inputs.md, Honest coverage).
	Unknown int `json:"unknown"`
}

// jsonTarget is a document with values unknown until deploy, in the
// report's targets array: only such documents are listed.
type jsonTarget struct {
	File     string   `json:"file"`
	Resource string   `json:"resource"`
	Unknown  []string `json:"unknown"`
	// NothingKnown: every member of the client is unknown, so nothing in
	// the document was checked.
	NothingKnown bool `json:"nothing_known,omitempty"`
}

// JSON writes the report as the JSON object of cli.md (version 1).
func JSON(w io.Writer, r *finding.Report, opts Options) error {
	return writeWhole(newJSONStream(w, opts), r)
}

// jsonStream writes the object of jsonReport, indented as
// json.Encoder.SetIndent("", "  ") does, with the summary before the
// findings: findings and suppressed findings wait in spools until Close.
type jsonStream struct {
	w                    io.Writer
	opts                 Options
	findings, suppressed spool
	targets              spool // the jsonTargets, written as they come
	nTargets             int
	totals               Totals
}

func newJSONStream(w io.Writer, opts Options) *jsonStream {
	return &jsonStream{w: w, opts: opts}
}

// jsonIndent is the prefix of a finding in the findings or suppressed
// array of the indented object.
const jsonIndent = "    "

func (s *jsonStream) File(r *finding.Report) error {
	for i := range r.Findings {
		if err := appendJSON(&s.findings, s.totals.Findings+i, &r.Findings[i]); err != nil {
			return err
		}
	}
	for i := range r.Suppressed {
		if err := appendJSON(&s.suppressed, s.totals.Suppressed+i, &r.Suppressed[i]); err != nil {
			return err
		}
	}
	for _, t := range r.Targets {
		if len(t.Unknown) == 0 {
			continue
		}
		b, err := json.MarshalIndent(jsonTarget{File: t.File, Resource: t.Resource, Unknown: t.Unknown, NothingKnown: t.NothingKnown}, jsonIndent, "  ")
		if err != nil {
			return err
		}
		sep := ",\n" + jsonIndent
		if s.nTargets == 0 {
			sep = "\n" + jsonIndent
		}
		if _, err := io.WriteString(&s.targets, sep); err != nil {
			return err
		}
		if _, err := s.targets.Write(b); err != nil {
			return err
		}
		s.nTargets++
	}
	s.totals.add(r)
	return nil
}

// appendJSON writes the i-th element of an indented array.
func appendJSON(sp *spool, i int, f *finding.Finding) error {
	b := sp.scratch[:0]
	if i == 0 {
		b = append(b, "\n"+jsonIndent...)
	} else {
		b = append(b, ",\n"+jsonIndent...)
	}
	b, err := appendFindingJSON(b, f, jsonIndent)
	sp.scratch = b
	if err != nil {
		return err
	}
	_, err = sp.Write(b)
	return err
}

func (s *jsonStream) Close(total *finding.Report) error {
	defer s.findings.discard()
	defer s.suppressed.discard()
	defer s.targets.discard()
	s.totals.setFiles(total)
	t := s.totals
	version := s.opts.ToolVersion
	if version == "" {
		version = "dev"
	}
	tool, err := json.MarshalIndent(jsonTool{Name: "cognitolint", Version: version}, "  ", "  ")
	if err != nil {
		return err
	}
	sum, err := json.MarshalIndent(jsonSummary{
		Files: t.Files, Documents: t.Documents,
		Errors: t.Errors, Warnings: t.Warnings, Infos: t.Infos,
		Suppressed: t.Suppressed, Skipped: t.Skipped, Unknown: t.Unknown,
	}, "  ", "  ")
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(s.w)
	bw.WriteString("{\n  \"version\": 1,\n  \"tool\": ")
	bw.Write(tool)
	bw.WriteString(",\n  \"summary\": ")
	bw.Write(sum)
	bw.WriteString(",\n  \"findings\": [")
	if t.Findings > 0 {
		if _, err := s.findings.WriteTo(bw); err != nil {
			return err
		}
		bw.WriteString("\n  ")
	}
	bw.WriteString("]")
	if t.Suppressed > 0 {
		bw.WriteString(",\n  \"suppressed\": [")
		if _, err := s.suppressed.WriteTo(bw); err != nil {
			return err
		}
		bw.WriteString("\n  ]")
	}
	if s.nTargets > 0 {
		bw.WriteString(",\n  \"targets\": [")
		if _, err := s.targets.WriteTo(bw); err != nil {
			return err
		}
		bw.WriteString("\n  ]")
	}
	bw.WriteString("\n}\n")
	return bw.Flush()
}
