package cli

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/cognitolint/cognitolint/policy"
	"github.com/cognitolint/cognitolint/rules"
	"github.com/cognitolint/cognitolint/validate"
)

// verifyCommand runs the Rego unit tests (test_* rules of *_test.rego
// files) of the baseline pack and of every policy directory, given with
// --policy or the config file's policies:. Exit 0: all pass; 1: a test
// fails or errs; 2: a policy does not load.
func verifyCommand(e *env) *cobra.Command {
	var (
		c   commonFlags
		run string
	)
	cmd := &cobra.Command{
		Use:   "verify [flags]",
		Short: "Run the Rego unit tests (*_test.rego) of the policies and of the baseline pack",
		Long: `Run the test_* rules of the *_test.rego files of the baseline pack and of
the policies given with --policy, or else the config file's policies:.`,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) > 0 {
				return fmt.Errorf("verify takes no arguments (got %q): give policy directories with --policy", args[0])
			}
			return nil
		},
		RunE: e.run(func(cmd *cobra.Command, _ []string) int {
			opts, _, err := c.options(cmd.Flags())
			if err != nil {
				return trouble(e.stderr, err)
			}
			return runVerify(opts, run, e.stdout, e.stderr)
		}),
	}
	cmd.Flags().SortFlags = false
	c.register(cmd.Flags(), "a `directory` of Rego policies and their *_test.rego tests (repeatable)")
	cmd.Flags().StringVar(&run, "run", "", "run only the tests whose name (data.pkg.test_name) matches `regexp`")
	return cmd
}

func runVerify(opts validate.Options, run string, stdout, stderr io.Writer) int {
	results, err := policy.Verify(context.Background(), policy.Options{
		Dirs: opts.PolicyDirs, DataFiles: opts.DataFiles, NoBaseline: opts.NoBaseline,
		Namespaces: opts.Namespaces, AllNamespaces: opts.AllNamespaces,
		Reserved: func(id string) bool { return rules.Lookup(id) != nil },
	}, policy.VerifyOptions{Run: run})
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
