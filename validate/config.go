package validate

import (
	"maps"
	"path"

	"github.com/cognitolint/cognitolint/config"
)

// OptionsFromConfig returns the Options a config file (.cognitolint.yaml,
// read with config.Load) gives: its policies, data, baseline, rules and
// ignore entries, with the semantics of the command line. fail-on is not
// an option of the Linter: it is cfg.FailOn, the caller's to apply to
// Report.Fails.
func OptionsFromConfig(cfg *config.Config) (Options, error) {
	var opts Options
	err := ApplyConfig(cfg, &opts, nil)
	return opts, err
}

// ApplyConfig merges a config file into opts, as the command line merges it
// into its flags. Options the caller gives explicitly win over the file:
// given reports, by the command line's flag name ("policy", "data",
// "no-baseline"), which of PolicyDirs, DataFiles and NoBaseline the caller
// set (nil: none). Per-rule options apply on top of the file's rules:
// opts.Disable and opts.Enable after the file's "off" entries, and an
// opts.Severity entry replaces every rules: entry it covers (an override
// of "sec-*" wins over the file's sec-implicit-grant: info).
//
// With the baseline pack left out (opts.NoBaseline, or baseline: false),
// the file's entries for baseline rules are dropped: a config shared by
// runs with and without the pack is not an error in either.
func ApplyConfig(cfg *config.Config, opts *Options, given func(flag string) bool) error {
	if cfg == nil {
		return nil
	}
	if given == nil {
		given = func(string) bool { return false }
	}
	if cfg.Policies != nil && !given("policy") {
		opts.PolicyDirs = cfg.Policies
	}
	if cfg.Data != nil && !given("data") {
		opts.DataFiles = cfg.Data
	}
	if cfg.Baseline != nil && !given("no-baseline") {
		opts.NoBaseline = !*cfg.Baseline
	}
	dropped := func(string) bool { return false }
	if opts.NoBaseline {
		ids, err := BaselineRuleIDs()
		if err != nil {
			return err
		}
		dropped = func(id string) bool { return ids[id] }
	}
	overrides := maps.Clone(opts.Severity)
	var off []string
	for _, r := range cfg.Rules {
		if dropped(r.ID) {
			continue
		}
		if r.Off {
			off = append(off, r.ID)
			continue
		}
		if covers(overrides, r.ID) {
			continue // the caller's override wins
		}
		if opts.Severity == nil {
			opts.Severity = map[string]Severity{}
		}
		opts.Severity[r.ID] = r.Severity
	}
	opts.Disable = append(off, opts.Disable...)
	for _, ig := range cfg.Ignore {
		if dropped(ig.Rule) {
			continue
		}
		opts.Ignore = append(opts.Ignore, Ignore{Rule: ig.Rule, Paths: ig.Paths, Resources: ig.Resources, Reason: ig.Reason, Dir: cfg.Dir})
	}
	return nil
}

// covers reports whether an override names id, or a glob that matches it
// (id itself may be a glob of the file: "sec-*" is covered by "*").
func covers(overrides map[string]Severity, id string) bool {
	for p := range overrides {
		if p == id {
			return true
		}
		if ok, _ := path.Match(p, id); ok {
			return true
		}
	}
	return false
}
