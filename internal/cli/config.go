package cli

import (
	"errors"
	"os"
	"path/filepath"
	"slices"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

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
// line's flags; a flag given on the command line (set) wins over the file.
// The semantics are validate.ApplyConfig's, so that an embedder gets the
// same.
func applyConfig(cfg *config.Config, opts *validate.Options, set map[string]bool) error {
	return validate.ApplyConfig(cfg, opts, func(flag string) bool { return set[flag] })
}

// baselineRuleIDs returns the IDs of the baseline pack's rules.
var baselineRuleIDs = validate.BaselineRuleIDs

// configError places an error of validate.New in the config file when the
// file, and not a flag, holds the value at fault (an unknown rule ID, a bad
// ignore entry).
func configError(cfg *config.Config, enable, disable, severity []string, err error) error {
	if cfg == nil {
		return err
	}
	var unknown *validate.UnknownRuleError
	if errors.As(err, &unknown) {
		if slices.Contains(enable, unknown.ID) || slices.Contains(disable, unknown.ID) || severityFlag(severity, unknown.ID) {
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

func severityFlag(severity []string, id string) bool {
	for _, s := range severity {
		if len(s) > len(id) && s[:len(id)] == id && s[len(id)] == '=' {
			return true
		}
	}
	return false
}

// commonFlags are the flags that rules and verify share with lint: the
// policies, data, baseline and config they read.
type commonFlags struct {
	policies, data multi
	noBaseline     bool
	config         string
	namespaces     multi
	allNS          bool
}

func (c *commonFlags) register(fs *pflag.FlagSet, policyUsage string) {
	fs.Var(&c.policies, "policy", policyUsage)
	fs.Var(&c.data, "data", "a JSON/YAML `file` merged under data for policies (repeatable)")
	fs.BoolVar(&c.noBaseline, "no-baseline", false, "leave out the built-in baseline policy pack")
	fs.StringVar(&c.config, "config", "", "config `file` (default: the nearest .cognitolint.yaml from the working directory upward)")
	fs.Var(&c.namespaces, "namespace", "only the policies of this `package` (conftest's; repeatable, globs such as k8s.*); default: every package")
	fs.BoolVar(&c.allNS, "all-namespaces", false, "the policies of every package (the default; conftest's flag)")
	_ = fs.SetAnnotation("policy", cobra.BashCompSubdirsInDir, []string{})
	_ = fs.SetAnnotation("config", cobra.BashCompFilenameExt, []string{"yaml", "yml"})
}

// options are the linter options the flags and the config file give, as
// lint reads them.
func (c *commonFlags) options(fs *pflag.FlagSet) (validate.Options, *config.Config, error) {
	opts := validate.Options{PolicyDirs: c.policies, DataFiles: c.data, NoBaseline: c.noBaseline,
		Namespaces: c.namespaces, AllNamespaces: c.allNS}
	cfg, err := loadConfig(c.config)
	if err != nil {
		return opts, nil, err
	}
	set := map[string]bool{}
	fs.Visit(func(fl *pflag.Flag) { set[fl.Name] = true })
	if err := applyConfig(cfg, &opts, set); err != nil {
		return opts, nil, err
	}
	return opts, cfg, nil
}

// ruleCatalog is the rule list that writers show (sarif's tool.driver.rules).
func ruleCatalog(rs []validate.Rule) []report.RuleInfo {
	out := make([]report.RuleInfo, 0, len(rs))
	for _, r := range rs {
		sev, err := finding.ParseSeverity(r.Severity)
		if err != nil {
			sev = finding.Warning
		}
		out = append(out, report.RuleInfo{ID: r.ID, Severity: sev, Summary: r.Summary, Doc: r.Doc, HelpURI: r.Reference, Disabled: r.Disabled})
	}
	return out
}

// colorAllowed reports whether the environment allows colour: not when
// NO_COLOR is set to anything (no-color.org) or TERM is dumb.
func colorAllowed(getenv func(string) string) bool {
	return getenv("NO_COLOR") == "" && getenv("TERM") != "dumb"
}
