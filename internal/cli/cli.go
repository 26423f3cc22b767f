// Package cli is cognitolint's command line: flags → options → linter →
// writers. Main is testable in-process: no os.Exit, no globals.
package cli

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/cognitolint/cognitolint/finding"
	"github.com/cognitolint/cognitolint/report"
	"github.com/cognitolint/cognitolint/validate"
)

// Version is cognitolint's version.
const Version = "0.1.0"

// Exit codes (cli.md).
const (
	ExitOK      = 0 // linted, nothing at or above --fail-on
	ExitFail    = 1 // linted, something at or above --fail-on
	ExitTrouble = 2 // could not lint
)

// Main runs the command line and returns the exit code.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	cmd := "lint"
	if len(args) > 0 {
		switch args[0] {
		case "lint", "rules", "version", "help", "verify":
			cmd, args = args[0], args[1:]
		case "-h", "-help", "--help":
			cmd, args = "help", args[1:]
		case "-version", "--version":
			cmd, args = "version", args[1:]
		}
	}
	switch cmd {
	case "version":
		fmt.Fprintf(stdout, "cognitolint %s\n", Version)
		return ExitOK
	case "help":
		fmt.Fprint(stdout, usage)
		return ExitOK
	case "rules":
		return runRules(args, stdout, stderr)
	case "verify":
		return runVerify(args, stdout, stderr)
	}
	return runLint(args, stdin, stdout, stderr)
}

const usage = `cognitolint lints Amazon Cognito app client configurations.

Usage:
  cognitolint [lint] [flags] PATH...   lint files and directories ('-' is stdin)
  cognitolint rules [--format text|json|markdown]
  cognitolint verify [--policy DIR]... [--data FILE]... [--no-baseline] [--run REGEX]
  cognitolint version

Run 'cognitolint lint -h' for the flags of lint.
`

// multi is a repeatable string flag.
type multi []string

func (m *multi) String() string     { return strings.Join(*m, ",") }
func (m *multi) Set(v string) error { *m = append(*m, v); return nil }

// parseInterspersed parses flags that may come after positional arguments.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		if args[0] == "--" {
			return append(pos, args[1:]...), nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

type lintFlags struct {
	formats     multi
	operation   string
	policies    multi
	data        multi
	noBaseline  bool
	namespaces  multi
	allNS       bool
	enable      multi
	disable     multi
	severity    multi
	failOn      string
	skipUnknown bool
	noColor     bool
	config      string
	context     contextFlags
	fix, diff   bool
}

func runLint(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	var f lintFlags
	fs := flag.NewFlagSet("cognitolint lint", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Var(&f.formats, "format", "output `format`: "+strings.Join(report.Formats(), ", ")+"; F=PATH writes to a file (repeatable)")
	fs.StringVar(&f.operation, "operation", "auto", "operation of API payloads: auto, update, create, describe")
	fs.Var(&f.policies, "policy", "a `directory` of Rego policies (repeatable)")
	fs.Var(&f.data, "data", "a JSON/YAML `file` merged under data for policies (repeatable)")
	fs.BoolVar(&f.noBaseline, "no-baseline", false, "do not load the built-in baseline policy pack")
	fs.Var(&f.namespaces, "namespace", "run only the policies of this `package` (conftest's; repeatable, globs such as k8s.*); default: every package")
	fs.BoolVar(&f.allNS, "all-namespaces", false, "run the policies of every package (the default; conftest's flag)")
	fs.Var(&f.enable, "enable", "turn a rule `ID` (or glob) on (repeatable)")
	fs.Var(&f.disable, "disable", "turn a rule `ID` (or glob) off (repeatable)")
	fs.Var(&f.severity, "severity", "override a rule's severity: `ID=LEVEL` (repeatable)")
	fs.StringVar(&f.failOn, "fail-on", "error", "lowest `severity` that fails: error, warning, info, never")
	fs.BoolVar(&f.skipUnknown, "skip-unknown", false, "skip files that are none of the shapes read, instead of reporting them")
	fs.BoolVar(&f.noColor, "no-color", false, "no ANSI colour")
	fs.BoolVar(&f.fix, "fix", false, "apply the findings' fixes to the files in place, then report what is left")
	fs.BoolVar(&f.diff, "diff", false, "print the fixes as a unified diff and write nothing; exit 1 when there is one")
	f.context.register(fs)
	fs.StringVar(&f.config, "config", "", "config `file` (default: the nearest .cognitolint.yaml from the working directory upward)")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: cognitolint [lint] [flags] PATH...\n\nFlags:\n")
		fs.PrintDefaults()
	}
	paths, err := parseInterspersed(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return ExitOK
		}
		return ExitTrouble
	}
	if len(paths) == 0 {
		fmt.Fprintln(stderr, "cognitolint: no files to lint: give a file, a directory or '-' for stdin")
		return ExitTrouble
	}
	set := map[string]bool{}
	fs.Visit(func(fl *flag.Flag) { set[fl.Name] = true })
	cfg, err := loadConfig(f.config)
	if err != nil {
		return trouble(stderr, err)
	}
	if cfg != nil && cfg.FailOn != nil && !set["fail-on"] {
		f.failOn = *cfg.FailOn
	}
	failOn, err := parseFailOn(f.failOn)
	if err != nil {
		return trouble(stderr, err)
	}
	opts := validate.Options{
		Operation: f.operation, Enable: f.enable, Disable: f.disable, SkipUnknown: f.skipUnknown,
		PolicyDirs: f.policies, DataFiles: f.data, NoBaseline: f.noBaseline,
		Namespaces: f.namespaces, AllNamespaces: f.allNS,
	}
	f.context.apply(&opts)
	if len(f.severity) > 0 {
		opts.Severity = map[string]validate.Severity{}
		for _, s := range f.severity {
			id, level, ok := strings.Cut(s, "=")
			if !ok {
				return trouble(stderr, fmt.Errorf("--severity %q: write ID=LEVEL, e.g. sec-implicit-grant=error", s))
			}
			sev, err := finding.ParseSeverity(level)
			if err != nil {
				return trouble(stderr, fmt.Errorf("--severity %s: %v", s, err))
			}
			opts.Severity[id] = sev
		}
	}
	applyConfig(cfg, &opts, set)
	outputs, err := parseFormats(f.formats)
	if err != nil {
		return trouble(stderr, err)
	}
	linter, err := validate.New(opts)
	if err != nil {
		return trouble(stderr, configError(cfg, &f, err))
	}
	if f.diff {
		return runDiff(linter, paths, stdin, stdout, stderr)
	}
	var fx *fixer
	if f.fix {
		fx = &fixer{linter: linter, log: stderr}
	}
	ropts := report.Options{FailOn: failOn, ToolVersion: Version, Rules: ruleCatalog(linter.Rules())}
	fails, incomplete, err := lintStream(linter, paths, stdin, stdout, outputs, ropts, !f.noColor && colorTerminal(stdout), fx)
	if err != nil {
		return trouble(stderr, err)
	}
	if incomplete {
		return ExitTrouble // every output is written, with the finding that says what was not linted
	}
	if fails {
		return ExitFail
	}
	return ExitOK
}

func trouble(stderr io.Writer, err error) int {
	fmt.Fprintf(stderr, "cognitolint: %v\n", err)
	return ExitTrouble
}

func parseFailOn(s string) (finding.Severity, error) {
	if s == "never" {
		return 0, nil
	}
	sev, err := finding.ParseSeverity(s)
	if err != nil {
		return 0, fmt.Errorf("--fail-on %q: use error, warning, info or never", s)
	}
	return sev, nil
}

type output struct {
	format string
	path   string
	write  report.Writer
}

// parseFormats reads --format values: F, or F=PATH for a file. At most one
// format goes to stdout; text is the default.
func parseFormats(specs []string) ([]output, error) {
	if len(specs) == 0 {
		specs = []string{"text"}
	}
	var outs []output
	toStdout := ""
	for _, s := range specs {
		format, path, _ := strings.Cut(s, "=")
		w, err := report.Lookup(format)
		if err != nil {
			return nil, fmt.Errorf("--format: %v", err)
		}
		if path == "" {
			if toStdout != "" {
				return nil, fmt.Errorf("--format %s and --format %s both write to stdout: give one of them a file, e.g. --format %s=out.%s", toStdout, format, format, format)
			}
			toStdout = format
		}
		outs = append(outs, output{format: format, path: path, write: w})
	}
	return outs, nil
}

// colorTerminal reports whether w is a terminal that may get colour:
// never when NO_COLOR is set or TERM is dumb.
func colorTerminal(w io.Writer) bool {
	if !colorAllowed(os.Getenv) {
		return false
	}
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

func runRules(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("cognitolint rules", flag.ContinueOnError)
	fs.SetOutput(stderr)
	format := fs.String("format", "text", "output `format`: text, json, markdown")
	var policies multi
	fs.Var(&policies, "policy", "also list the rules of the Rego policies in `directory` (repeatable)")
	noBaseline := fs.Bool("no-baseline", false, "leave out the baseline policy pack")
	if _, err := parseInterspersed(fs, args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return ExitOK
		}
		return ExitTrouble
	}
	linter, err := validate.New(validate.Options{PolicyDirs: policies, NoBaseline: *noBaseline})
	if err != nil {
		return trouble(stderr, err)
	}
	rs := linter.Rules()
	switch *format {
	case "json":
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(rs); err != nil {
			return trouble(stderr, err)
		}
	case "markdown":
		writeMarkdown(stdout, rs)
	case "text":
		for _, r := range rs {
			fmt.Fprintf(stdout, "%-42s %-8s %-5s %s\n", r.ID, r.Severity, r.Layer, r.Summary)
		}
	default:
		return trouble(stderr, fmt.Errorf("--format %q: use text, json or markdown", *format))
	}
	return ExitOK
}

func mdEscape(s string) string { return strings.ReplaceAll(s, "|", `\|`) }

// writeMarkdown writes the rule catalog: a table, then a section per rule
// with its doc and reference.
func writeMarkdown(w io.Writer, rs []validate.Rule) {
	fmt.Fprint(w, "# cognitolint rules\n\nGenerated by `cognitolint rules --format markdown`; do not edit.\n\n")
	fmt.Fprintln(w, "| id | severity | layer | context | summary |")
	fmt.Fprintln(w, "| --- | --- | --- | --- | --- |")
	for _, r := range rs {
		fmt.Fprintf(w, "| [`%s`](#%s) | %s | %s | %s | %s |\n", r.ID, r.ID, r.Severity, r.Layer, r.Context, mdEscape(r.Summary))
	}
	for _, r := range rs {
		fmt.Fprintf(w, "\n## %s\n\n%s · %s · %s", r.ID, r.Severity, r.Layer, r.Context)
		if r.Policy != "" {
			fmt.Fprintf(w, " · policy `%s`", r.Policy)
		}
		fmt.Fprintf(w, "\n\n%s\n", r.Summary)
		if r.Doc != "" {
			fmt.Fprintf(w, "\n%s\n", r.Doc)
		}
		if r.Reference != "" {
			fmt.Fprintf(w, "\nReference: <%s>\n", r.Reference)
		}
	}
}
