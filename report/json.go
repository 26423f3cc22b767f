package report

import (
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
}

// JSON writes the report as the JSON object of cli.md (version 1).
func JSON(w io.Writer, r *finding.Report, opts Options) error {
	out := jsonReport{
		Version: 1,
		Tool:    jsonTool{Name: "cognitolint", Version: opts.ToolVersion},
		Summary: jsonSummary{
			Files: r.Files, Documents: r.Documents,
			Errors: r.Count(finding.Error), Warnings: r.Count(finding.Warning), Infos: r.Count(finding.Info),
			Suppressed: len(r.Suppressed), Skipped: r.Skipped,
		},
		Findings:   r.Findings,
		Suppressed: r.Suppressed,
	}
	if out.Findings == nil {
		out.Findings = []finding.Finding{}
	}
	if out.Tool.Version == "" {
		out.Tool.Version = "dev"
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
