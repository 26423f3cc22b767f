package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/cognitolint/cognitolint/policy"
	"github.com/cognitolint/cognitolint/rules"
)

// runVerify runs the Rego unit tests (test_* rules of *_test.rego files)
// of the baseline pack and of every --policy directory. Exit 0: all pass;
// 1: a test fails or errs; 2: a policy does not load.
func runVerify(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("cognitolint verify", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var policies, data multi
	fs.Var(&policies, "policy", "a `directory` of Rego policies and their *_test.rego tests (repeatable)")
	fs.Var(&data, "data", "a JSON/YAML `file` merged under data (repeatable)")
	noBaseline := fs.Bool("no-baseline", false, "leave out the baseline pack and its tests")
	run := fs.String("run", "", "run only the tests whose name (data.pkg.test_name) matches `regexp`")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: cognitolint verify [flags]\n\nRuns the test_* rules of the *_test.rego files.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	rest, err := parseInterspersed(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return ExitOK
		}
		return ExitTrouble
	}
	if len(rest) > 0 {
		return trouble(stderr, fmt.Errorf("verify takes no arguments (got %q): give policy directories with --policy", rest[0]))
	}
	results, err := policy.Verify(context.Background(), policy.Options{
		Dirs: policies, DataFiles: data, NoBaseline: *noBaseline,
		Reserved: func(id string) bool { return rules.Lookup(id) != nil },
	}, policy.VerifyOptions{Run: *run})
	if err != nil {
		return trouble(stderr, err)
	}
	counts := map[string]int{}
	for _, r := range results {
		counts[r.Status]++
		fmt.Fprintf(stdout, "%s:%d: %s %s\n", r.File, r.Line, strings.ToUpper(r.Status), r.Name)
		if r.Err != "" {
			fmt.Fprintf(stdout, "    %s\n", strings.ReplaceAll(r.Err, "\n", "\n    "))
		}
		if r.Status != policy.TestPass && r.Output != "" {
			fmt.Fprintf(stdout, "    output:\n      %s\n", strings.ReplaceAll(strings.TrimRight(r.Output, "\n"), "\n", "\n      "))
		}
	}
	fmt.Fprintf(stdout, "%d tests: %d passed, %d failed, %d errors, %d skipped\n", len(results),
		counts[policy.TestPass], counts[policy.TestFail], counts[policy.TestError], counts[policy.TestSkip])
	if counts[policy.TestFail]+counts[policy.TestError] > 0 {
		return ExitFail
	}
	return ExitOK
}
