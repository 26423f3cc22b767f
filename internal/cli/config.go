package cli

import (
	"errors"
	"os"
	"path/filepath"
	"slices"

	"github.com/cognitolint/cognitolint/config"
	"github.com/cognitolint/cognitolint/finding"
	"github.com/cognitolint/cognitolint/report"
	"github.com/cognitolint/cognitolint/validate"
)

// loadConfig reads the --config file, or the nearest .cognitolint.yaml
// from the working directory upward; nil when there is none.
func loadConfig(file string) (*config.Config, error) {
	if file == "" {
		wd, err := os.Getwd()
		if err != nil {
			return nil, err
		}
		if file, err = config.Find(wd); err != nil || file == "" {
			return nil, err
		}
		// Name the file as the user would: relative to where they are.
		if rel, err := filepath.Rel(wd, file); err == nil {
			file = rel
		}
	}
	return config.Load(file)
}

// applyConfig merges a config file into opts, which hold the command
// line's flags: a flag given on the command line (set) wins over the file;
// per-rule flags (--enable, --disable, --severity) apply on top of the
// file's rules.
func applyConfig(cfg *config.Config, opts *validate.Options, set map[string]bool) {
	if cfg == nil {
		return
	}
	if cfg.Policies != nil && !set["policy"] {
		opts.PolicyDirs = cfg.Policies
	}
	if cfg.Data != nil && !set["data"] {
		opts.DataFiles = cfg.Data
	}
	if cfg.Baseline != nil && !set["no-baseline"] {
		opts.NoBaseline = !*cfg.Baseline
	}
	var off []string
	for _, r := range cfg.Rules {
		if r.Off {
			off = append(off, r.ID)
			continue
		}
		if _, ok := opts.Severity[r.ID]; ok {
			continue // --severity wins
		}
		if opts.Severity == nil {
			opts.Severity = map[string]validate.Severity{}
		}
		opts.Severity[r.ID] = r.Severity
	}
	opts.Disable = append(off, opts.Disable...)
	for _, ig := range cfg.Ignore {
		opts.Ignore = append(opts.Ignore, validate.Ignore{Rule: ig.Rule, Paths: ig.Paths, Reason: ig.Reason, Dir: cfg.Dir})
	}
}

// configError places an error of validate.New in the config file when the
// file, and not a flag, holds the value at fault (an unknown rule ID, a bad
// ignore entry).
func configError(cfg *config.Config, f *lintFlags, err error) error {
	if cfg == nil {
		return err
	}
	var unknown *validate.UnknownRuleError
	if errors.As(err, &unknown) {
		if slices.Contains(f.enable, unknown.ID) || slices.Contains(f.disable, unknown.ID) || severityFlag(f, unknown.ID) {
			return err
		}
		if p, ok := cfg.RulePos(unknown.ID); ok {
			return cfg.Errorf(p, "%v", err)
		}
	}
	var bad *validate.IgnoreError
	if errors.As(err, &bad) && bad.Index >= 0 && bad.Index < len(cfg.Ignore) {
		return cfg.Errorf(cfg.Ignore[bad.Index].Pos, "%v", bad.Err)
	}
	return err
}

func severityFlag(f *lintFlags, id string) bool {
	for _, s := range f.severity {
		if len(s) > len(id) && s[:len(id)] == id && s[len(id)] == '=' {
			return true
		}
	}
	return false
}

// ruleCatalog is the rule list that writers show (sarif's tool.driver.rules).
func ruleCatalog(rs []validate.Rule) []report.RuleInfo {
	out := make([]report.RuleInfo, 0, len(rs))
	for _, r := range rs {
		sev, err := finding.ParseSeverity(r.Severity)
		if err != nil {
			sev = finding.Warning
		}
		out = append(out, report.RuleInfo{ID: r.ID, Severity: sev, Summary: r.Summary, Doc: r.Doc, HelpURI: r.Reference})
	}
	return out
}

// colorAllowed reports whether the environment allows colour: not when
// NO_COLOR is set to anything (no-color.org) or TERM is dumb.
func colorAllowed(getenv func(string) string) bool {
	return getenv("NO_COLOR") == "" && getenv("TERM") != "dumb"
}
