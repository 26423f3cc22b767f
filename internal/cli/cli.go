// Package cli is cognitolint's command line: flags → options → linter →
// writers. Main is testable in-process: no os.Exit, no globals.
//
// The commands are spf13/cobra commands with pflag flags (GNU style:
// --flag, flags after paths, --, help and completion for bash, zsh and
// fish). The flags of lint are registered in one place, lintFlags.register;
// a new flag is a field there and a line there.
package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"golang.org/x/term"

	"github.com/cognitolint/cognitolint/finding"
	"github.com/cognitolint/cognitolint/report"
	"github.com/cognitolint/cognitolint/validate"
)

// Exit codes (cli.md).
const (
	ExitOK      = 0 // linted, nothing at or above --fail-on
	ExitFail    = 1 // linted, something at or above --fail-on
	ExitTrouble = 2 // could not lint
)

// Main runs the command line and returns the exit code.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if args == nil {
		args = []string{} // cobra reads os.Args for nil
	}
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr}
	root := newRoot(e)
	root.SetArgs(args)
	if _, err := root.ExecuteC(); err != nil {
		// A usage error: an unknown command or flag, a bad flag value.
		return trouble(stderr, err)
	}
	return e.code
}

// env is one run's streams and exit code: cobra's RunE returns an error,
// cognitolint's commands an exit code.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	code           int
}

// run adapts a command's body to cobra: the body returns an exit code.
func (e *env) run(body func(cmd *cobra.Command, args []string) int) func(*cobra.Command, []string) error {
	return func(cmd *cobra.Command, args []string) error {
		e.code = body(cmd, args)
		return nil
	}
}

func newRoot(e *env) *cobra.Command {
	v := buildVersion()
	root := lintCommand(e, "cognitolint [lint] [flags] PATH...", true)
	root.Short = "cognitolint lints Amazon Cognito app client configurations"
	root.Long = `cognitolint lints Amazon Cognito app client configurations: API payloads
(create-user-pool-client, update-user-pool-client, describe-user-pool-client),
CloudFormation/SAM/CDK templates, Terraform plans and .tf files.

lint is the default command: 'cognitolint payload.json' lints payload.json.
A directory is walked for the files it can read; '-' is stdin.

Exit codes: 0 nothing at or above --fail-on, 1 something at or above
--fail-on, 2 could not lint (bad flags, config or policy; an unreadable input).`
	root.Version = v.String()
	root.SetVersionTemplate("cognitolint {{.Version}}\n")
	root.SilenceErrors = true
	root.SilenceUsage = true
	root.SetOut(e.stdout)
	root.SetErr(e.stderr)
	root.SetIn(e.stdin)
	root.SetFlagErrorFunc(flagError)
	root.SetUsageFunc(usage)
	root.SuggestionsMinimumDistance = 2
	root.AddCommand(
		lintCommand(e, "lint [flags] PATH...", false),
		rulesCommand(e),
		verifyCommand(e),
		&cobra.Command{
			Use:   "version",
			Short: "Print the module version and VCS revision",
			Args:  cobra.NoArgs,
			RunE: e.run(func(cmd *cobra.Command, _ []string) int {
				fmt.Fprintf(e.stdout, "cognitolint %s\n", v)
				return ExitOK
			}),
		},
	)
	strictHelpAndCompletion(root)
	for _, c := range root.Commands() {
		c.SetFlagErrorFunc(flagError)
	}
	return root
}

// multi is a repeatable string flag; unlike pflag's StringSlice it does not
// split values at commas (a path or a glob may hold one).
type multi []string

func (m *multi) String() string     { return strings.Join(*m, ",") }
func (m *multi) Set(v string) error { *m = append(*m, v); return nil }
func (m *multi) Type() string       { return "strings" }

// lintFlags are the flags of lint. To add a flag: a field here (in its
// group) and a line in register.
type lintFlags struct {
	// outputs
	formats multi
	noColor bool

	// what to lint, and how
	operation     string
	skipUnknown   bool
	stdinFilename string
	context       contextFlags
	varFiles      multi

	// policies
	policies   multi
	data       multi
	noBaseline bool
	namespaces multi
	allNS      bool

	// rules and config
	enable   multi
	disable  multi
	severity multi
	failOn   string
	config   string

	// fixes
	fix, diff bool

	// inputs
	maxFileSize string
	jobs        int

	// bulk suppressions (bulk.go)
	bulk bulkFlags
}

// register defines the flags of lint on fs.
func (f *lintFlags) register(fs *pflag.FlagSet) {
	fs.Var(&f.formats, "format", "output `format`: "+strings.Join(report.Formats(), ", ")+"; F=PATH writes to a file (repeatable)")
	fs.StringVar(&f.operation, "operation", "auto", "`operation` of API payloads: auto, update, create, describe")
	fs.Var(&f.policies, "policy", "a `directory` of Rego policies (repeatable)")
	fs.Var(&f.data, "data", "a JSON/YAML `file` merged under data for policies (repeatable)")
	fs.BoolVar(&f.noBaseline, "no-baseline", false, "do not load the built-in baseline policy pack")
	fs.Var(&f.namespaces, "namespace", "run only the policies of this `package` (conftest's; repeatable, globs such as k8s.*); default: every package")
	fs.BoolVar(&f.allNS, "all-namespaces", false, "run the policies of every package (the default; conftest's flag)")
	fs.Var(&f.enable, "enable", "turn a rule `ID` (or glob) on (repeatable)")
	fs.Var(&f.disable, "disable", "turn a rule `ID` (or glob) off (repeatable)")
	fs.Var(&f.severity, "severity", "override the severity of a rule `ID=LEVEL` (or glob, e.g. 'sec-*=error'; repeatable)")
	fs.StringVar(&f.failOn, "fail-on", "error", "lowest `severity` that fails: error, warning, info, never")
	fs.BoolVar(&f.skipUnknown, "skip-unknown", false, "skip files that are none of the shapes read, instead of reporting them")
	fs.BoolVar(&f.noColor, "no-color", false, "no ANSI colour (also when NO_COLOR is set or stdout is not a terminal)")
	fs.BoolVar(&f.fix, "fix", false, "apply the findings' fixes to the files in place, then report what is left")
	fs.BoolVar(&f.diff, "diff", false, "print the fixes as a unified diff and write nothing; exit 1 when there is one")
	f.bulk.register(fs)
	f.context.register(fs)
	fs.Var(&f.varFiles, "var-file", "Terraform variable values (`FILE`.tfvars or .tfvars.json) for .tf inputs (repeatable; terraform.tfvars and *.auto.tfvars beside them are read too)")
	fs.StringVar(&f.maxFileSize, "max-file-size", "10MiB", "the `size` limit of one input file, stdin included (10MiB, 512KiB, bytes): a larger file is a file-too-large finding, not read")
	fs.IntVar(&f.jobs, "jobs", 0, "lint `N` files at once (default: the number of CPUs; 1: one after another); the output is the same")
	fs.StringVar(&f.config, "config", "", "config `file` (default: the nearest .cognitolint.yaml from the working directory upward)")
	fs.StringVar(&f.stdinFilename, "stdin-filename", "", "the `name` findings give to '-' (stdin); its extension chooses the reader")
}

// lintCommand is lint, as its own command and as the root's default.
func lintCommand(e *env, use string, isRoot bool) *cobra.Command {
	f := &lintFlags{}
	cmd := &cobra.Command{
		Use:   use,
		Short: "Lint files and directories ('-' is stdin)",
		Args:  cobra.ArbitraryArgs,
		RunE: e.run(func(cmd *cobra.Command, paths []string) int {
			if isRoot && len(paths) > 0 {
				if err := unknownCommand(cmd, paths[0]); err != nil {
					return trouble(e.stderr, err)
				}
			}
			return runLint(f, cmd.Flags(), paths, e.stdin, e.stdout, e.stderr)
		}),
		ValidArgsFunction: func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
			return nil, cobra.ShellCompDirectiveDefault // file names
		},
	}
	cmd.Flags().SortFlags = false
	f.register(cmd.Flags())
	completeLintFlags(cmd)
	return cmd
}

func runLint(f *lintFlags, fs *pflag.FlagSet, paths []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(paths) == 0 {
		fmt.Fprintln(stderr, "cognitolint: no files to lint: give a file, a directory or '-' for stdin")
		return ExitTrouble
	}
	set := map[string]bool{}
	fs.Visit(func(fl *pflag.Flag) { set[fl.Name] = true })
	outputs, err := parseFormats(f.formats)
	if err != nil {
		return trouble(stderr, err)
	}
	// From here on, a run that fails leaves no report of an earlier run
	// at an output's path (lintStream).
	trouble := func(stderr io.Writer, err error) int {
		removeStale(outputs)
		return trouble(stderr, err)
	}
	if f.fix && !f.diff && slices.Contains(paths, "-") {
		// Not even to the file --stdin-filename names: an editor's buffer,
		// not that file, is what was linted.
		return trouble(stderr, errors.New("--fix cannot write the fixed text back to stdin: give the file's name, or use --diff to see the fix"))
	}
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
	maxSize, err := validate.ParseSize(f.maxFileSize)
	if err != nil {
		return trouble(stderr, fmt.Errorf("--max-file-size: %v", err))
	}
	if f.jobs < 0 {
		return trouble(stderr, fmt.Errorf("--jobs %d: give a number of files to lint at once, 1 or more", f.jobs))
	}
	opts := validate.Options{
		Operation: validate.Operation(f.operation), Enable: f.enable, Disable: f.disable, SkipUnknown: f.skipUnknown,
		PolicyDirs: f.policies, DataFiles: f.data, NoBaseline: f.noBaseline, VarFiles: f.varFiles,
		Namespaces: f.namespaces, AllNamespaces: f.allNS,
		StdinName:   f.stdinFilename,
		MaxFileSize: maxSize, Jobs: f.jobs,
	}
	f.context.apply(&opts)
	if opts.Severity, err = parseSeverities(f.severity); err != nil {
		return trouble(stderr, err)
	}
	if err := applyConfig(cfg, &opts, set); err != nil {
		return trouble(stderr, err)
	}
	linter, err := validate.New(opts)
	if err != nil {
		return trouble(stderr, configError(cfg, f.enable, f.disable, f.severity, err))
	}
	if f.diff {
		return runDiff(linter, paths, stdin, stdout, stderr)
	}
	var fx *fixer
	if f.fix {
		fx = &fixer{linter: linter, log: stderr}
	}
	bulk, err := f.bulk.open()
	if err != nil {
		return trouble(stderr, err)
	}
	ropts := report.Options{FailOn: failOn, ToolVersion: buildVersion().Tool(), Rules: ruleCatalog(linter.Rules())}
	fails, incomplete, outErr, err := lintStream(linter, paths, stdin, stdout, outputs, ropts, !f.noColor && colorTerminal(stdout), fx, bulk)
	if err != nil {
		return trouble(stderr, err) // nothing could be linted
	}
	if err := f.bulk.finish(bulk, stderr); err != nil {
		return trouble(stderr, err)
	}
	if outErr != nil {
		// An output could not be written; the others were.
		fmt.Fprintf(stderr, "cognitolint: %s\n", escapeLines(outErr.Error()))
		return ExitTrouble
	}
	if incomplete {
		// Every output is written, with the findings that say what was
		// not linted (finding.CouldNotLint); the rest was linted.
		fmt.Fprintln(stderr, "cognitolint: some input could not be linted: see the unreadable-file and policy-error findings")
		return ExitTrouble
	}
	if fails {
		return ExitFail
	}
	return ExitOK
}

// parseSeverities reads --severity values, ID=LEVEL; an ID may be a glob
// as for --enable and --disable.
func parseSeverities(specs []string) (map[string]validate.Severity, error) {
	if len(specs) == 0 {
		return nil, nil
	}
	out := map[string]validate.Severity{}
	for _, s := range specs {
		id, level, ok := strings.Cut(s, "=")
		if !ok || id == "" {
			return nil, fmt.Errorf("--severity %q: write ID=LEVEL, e.g. sec-implicit-grant=error or 'sec-*=error'", s)
		}
		sev, err := finding.ParseSeverity(level)
		if err != nil {
			return nil, fmt.Errorf("--severity %s: %v", s, err)
		}
		out[id] = sev
	}
	return out, nil
}

// escapeLines escapes control characters of each line of an error message
// (which may name a file or quote its text); a multi-line message (a
// policy's compile errors) keeps its lines.
func escapeLines(s string) string {
	lines := strings.Split(s, "\n")
	for i := range lines {
		lines[i] = report.Escape(lines[i])
	}
	return strings.Join(lines, "\n")
}

func trouble(stderr io.Writer, err error) int {
	// The error may name a file or quote its text: escaped as findings are.
	fmt.Fprintf(stderr, "cognitolint: %s\n", escapeLines(err.Error()))
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
// never when NO_COLOR is set or TERM is dumb. /dev/null is a character
// device but no terminal: the check is isatty (x/term), not the file mode.
func colorTerminal(w io.Writer) bool {
	if !colorAllowed(os.Getenv) {
		return false
	}
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

func rulesCommand(e *env) *cobra.Command {
	var (
		format string
		c      commonFlags
	)
	cmd := &cobra.Command{
		Use:   "rules [flags]",
		Short: "List every rule: id, severity, layer, context, summary, doc",
		Long: `List every rule: the built-in rules, the baseline pack's and those of the
policies given with --policy or the config file's policies:. The config
file's rules: severities show in the listing.`,
		Args: cobra.NoArgs,
		RunE: e.run(func(cmd *cobra.Command, _ []string) int {
			opts, cfg, err := c.options(cmd.Flags())
			if err != nil {
				return trouble(e.stderr, err)
			}
			linter, err := validate.New(opts)
			if err != nil {
				return trouble(e.stderr, configError(cfg, nil, nil, nil, err))
			}
			return writeRules(linter.Rules(), format, e.stdout, e.stderr)
		}),
	}
	cmd.Flags().SortFlags = false
	cmd.Flags().StringVar(&format, "format", "text", "output `format`: text, json, markdown")
	c.register(cmd.Flags(), "also list the rules of the Rego policies in `directory` (repeatable)")
	_ = cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions([]string{"text", "json", "markdown"}, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

// writeRules prints the rule catalog as the linter runs it: with the
// severities the config file sets, and the rules it turns off as "off"
// (text) or "disabled" (JSON).
func writeRules(rs []validate.Rule, format string, stdout, stderr io.Writer) int {
	switch format {
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
			sev := r.Severity
			if r.Disabled {
				sev = "off" // by the config's rules: or --disable
			}
			fmt.Fprintf(stdout, "%-42s %-8s %-5s %s\n", r.ID, sev, r.Layer, r.Summary)
		}
	default:
		return trouble(stderr, fmt.Errorf("--format %q: use text, json or markdown", format))
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
