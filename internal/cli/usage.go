package cli

import (
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/agnivade/levenshtein"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/cognitolint/cognitolint/report"
	"github.com/cognitolint/cognitolint/rules"
)

// unknownCommand is the error for a first argument of the default command
// (lint) that is neither a command nor an existing path, when it reads as
// a command: a command name is near it (did you mean), or it has neither
// a dot nor a slash, as a file name mostly would. nil otherwise: the
// argument is a path, and lint says whether it exists.
func unknownCommand(root *cobra.Command, arg string) error {
	if arg == "-" {
		return nil
	}
	if _, err := os.Lstat(arg); err == nil {
		return nil
	}
	if s := root.SuggestionsFor(arg); len(s) > 0 {
		return fmt.Errorf("unknown command %q (did you mean %s?); run 'cognitolint help' for the commands", arg, quoteOr(s))
	}
	if !strings.ContainsAny(arg, `./\`) {
		return fmt.Errorf("unknown command %q, and no file or directory of that name; run 'cognitolint help' for the commands", arg)
	}
	return nil
}

func quoteOr(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = fmt.Sprintf("%q", s)
	}
	if len(q) == 1 {
		return q[0]
	}
	return strings.Join(q[:len(q)-1], ", ") + " or " + q[len(q)-1]
}

// flagError adds to pflag's error for a mistyped flag the nearest flag
// (did you mean) and where to find the flags. Flags take two dashes: a
// single-dash long flag (-format, as Go's flag package took it) is named
// with two.
func flagError(cmd *cobra.Command, err error) error {
	msg := err.Error()
	name := ""
	switch {
	case strings.HasPrefix(msg, "unknown flag: --"):
		name = strings.TrimPrefix(msg, "unknown flag: --")
	case strings.HasPrefix(msg, "unknown shorthand flag: "):
		// "unknown shorthand flag: 'f' in -format"
		if _, arg, ok := strings.Cut(msg, " in -"); ok {
			name, _, _ = strings.Cut(arg, "=")
			if cmd.Flags().Lookup(name) != nil {
				return fmt.Errorf("%s: flags take two dashes: --%s; run 'cognitolint help %s' for the flags", msg, name, helpName(cmd))
			}
		}
	}
	if name != "" {
		if best := nearestFlag(cmd.Flags(), name); best != "" {
			return fmt.Errorf("%s (did you mean --%s?); run 'cognitolint help %s' for the flags", msg, best, helpName(cmd))
		}
	}
	return fmt.Errorf("%s; run 'cognitolint help %s' for the flags", msg, helpName(cmd))
}

func helpName(cmd *cobra.Command) string {
	if !cmd.HasParent() {
		return "lint"
	}
	return cmd.Name()
}

// nearestFlag returns the flag of fs nearest to name (a few edits at most),
// or "".
func nearestFlag(fs *pflag.FlagSet, name string) string {
	best, bestD := "", 3
	fs.VisitAll(func(f *pflag.Flag) {
		if f.Hidden {
			return
		}
		if d := levenshtein.ComputeDistance(name, f.Name); d < bestD || d == bestD && f.Name < best {
			best, bestD = f.Name, d
		}
	})
	return best
}

// completeLintFlags gives the shells the values of lint's flags: formats,
// operations, levels, rule IDs, directories for --policy.
func completeLintFlags(cmd *cobra.Command) {
	fixed := func(flag string, values ...string) {
		_ = cmd.RegisterFlagCompletionFunc(flag, cobra.FixedCompletions(values, cobra.ShellCompDirectiveNoFileComp))
	}
	fixed("format", report.Formats()...)
	fixed("operation", "auto", "update", "create", "describe")
	fixed("fail-on", "error", "warning", "info", "never")
	ruleIDs := func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return completionRuleIDs(), cobra.ShellCompDirectiveNoFileComp
	}
	for _, f := range []string{"enable", "disable", "severity"} {
		_ = cmd.RegisterFlagCompletionFunc(f, ruleIDs)
	}
	_ = cmd.Flags().SetAnnotation("policy", cobra.BashCompSubdirsInDir, []string{})
	_ = cmd.Flags().SetAnnotation("config", cobra.BashCompFilenameExt, []string{"yaml", "yml"})
	_ = cmd.Flags().SetAnnotation("var-file", cobra.BashCompFilenameExt, []string{"tfvars", "json"})
}

// completionRuleIDs are the built-in and baseline rule IDs.
func completionRuleIDs() []string {
	var ids []string
	for _, r := range rules.All() {
		ids = append(ids, r.ID)
	}
	if base, err := baselineRuleIDs(); err == nil {
		for id := range base {
			ids = append(ids, id)
		}
	}
	sort.Strings(ids)
	return ids
}

// usage writes a command's usage: its usage line, its commands, its flags
// as --flag VALUE (pflag's own listing writes a bool as
// --flag[=true|false] since v1.1.0).
func usage(c *cobra.Command) error {
	w := c.OutOrStdout()
	fmt.Fprintf(w, "Usage:\n  %s\n", c.UseLine())
	if c.HasAvailableSubCommands() {
		fmt.Fprintf(w, "  %s COMMAND [flags]\n\nCommands:\n", c.CommandPath())
		for _, sub := range c.Commands() {
			if sub.IsAvailableCommand() || sub.Name() == "help" {
				fmt.Fprintf(w, "  %-*s %s\n", sub.NamePadding(), sub.Name(), sub.Short)
			}
		}
	}
	if c.HasAvailableLocalFlags() {
		fmt.Fprintf(w, "\nFlags:\n%s", flagUsages(c.LocalFlags()))
	}
	if c.HasAvailableSubCommands() {
		fmt.Fprintf(w, "\nRun '%s help COMMAND' for the flags of a command.\n", c.CommandPath())
	}
	return nil
}

// flagUsages lists the flags of fs, one a line: "  -h, --help" or
// "      --format format", the usage aligned after them, and the default
// when it is not the zero value.
func flagUsages(fs *pflag.FlagSet) string {
	type line struct{ left, usage string }
	var lines []line
	width := 0
	fs.VisitAll(func(f *pflag.Flag) {
		if f.Hidden {
			return
		}
		left := "      --" + f.Name
		if f.Shorthand != "" {
			left = "  -" + f.Shorthand + ", --" + f.Name
		}
		varname, text := pflag.UnquoteUsage(f)
		if f.Value.Type() != "bool" && varname != "" {
			left += " " + varname
		}
		if d := f.DefValue; d != "" && d != "false" && d != "[]" && d != "0" {
			text += fmt.Sprintf(" (default %q)", d)
		}
		lines = append(lines, line{left, text})
		width = max(width, len(left))
	})
	var b strings.Builder
	for _, l := range lines {
		fmt.Fprintf(&b, "%-*s   %s\n", width, l.left, l.usage)
	}
	return b.String()
}

// strictHelpAndCompletion makes cobra's help and completion commands
// usage errors (exit 2) for what they do not know: `help lnt` names the
// nearest command (cobra would print the root's help, as lint takes any
// argument), `completion` and `completion tcsh` name the shells (cobra
// would print help and exit 0).
func strictHelpAndCompletion(root *cobra.Command) {
	root.InitDefaultHelpCmd()
	root.InitDefaultCompletionCmd()
	for _, c := range root.Commands() {
		switch c.Name() {
		case "help":
			show := c.Run
			c.RunE = func(c *cobra.Command, args []string) error {
				if cmd, rest, err := root.Find(args); err == nil && len(rest) > 0 && cmd == root {
					if s := root.SuggestionsFor(rest[0]); len(s) > 0 {
						return fmt.Errorf("unknown command %q (did you mean %s?); run 'cognitolint help' for the commands", rest[0], quoteOr(s))
					}
					return fmt.Errorf("unknown command %q; run 'cognitolint help' for the commands", rest[0])
				}
				show(c, args)
				return nil
			}
		case "completion":
			var shells []string
			for _, sh := range c.Commands() {
				shells = append(shells, sh.Name())
			}
			c.Args = cobra.ArbitraryArgs
			c.RunE = func(_ *cobra.Command, args []string) error {
				if len(args) == 0 {
					return fmt.Errorf("completion needs a shell: %s", strings.Join(shells, ", "))
				}
				return fmt.Errorf("completion %q: not a shell cognitolint completes; use %s", args[0], strings.Join(shells, ", "))
			}
		}
	}
}
