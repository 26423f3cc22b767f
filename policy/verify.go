package policy

import (
	"context"
	"fmt"
	"path"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/storage/inmem"
	"github.com/open-policy-agent/opa/v1/tester"
)

// TestResult is the outcome of one test_* rule.
type TestResult struct {
	File     string
	Line     int
	Name     string // "data.org.cognito_test.test_denies_http"
	Status   string // "pass", "fail", "error" or "skip"
	Err      string // the evaluation error, for "error"
	Output   string // what the test printed
	Duration time.Duration
}

// Test statuses.
const (
	TestPass  = "pass"
	TestFail  = "fail"
	TestError = "error"
	TestSkip  = "skip"
)

// VerifyOptions narrow a Verify run.
type VerifyOptions struct {
	// Run, when set, is a regular expression: only tests whose full name
	// (data.pkg.test_name) matches run.
	Run string
}

// Verify runs the test_* rules of every *_test.rego file among the
// policies opts names (the baseline pack's tests too, unless
// opts.NoBaseline), like `opa test`. Policies first load exactly as Load
// loads them: a load or compile error is the returned error, and no tests
// run. Results are sorted by file and line.
func Verify(ctx context.Context, opts Options, vo VerifyOptions) ([]TestResult, error) {
	if _, err := Load(opts); err != nil {
		return nil, err
	}
	var filter string
	if vo.Run != "" {
		if _, err := regexp.Compile(vo.Run); err != nil {
			return nil, fmt.Errorf("--run %q: %v", vo.Run, err)
		}
		filter = vo.Run
	}
	srcs, err := sources(&opts)
	if err != nil {
		return nil, err
	}
	data, err := loadData(opts.DataFiles, opts.Data)
	if err != nil {
		return nil, err
	}
	// Tests see a data.cognitolint.document of an update payload unless
	// they mock it (`with data.cognitolint.document as {...}`).
	data["cognitolint"] = map[string]any{"document": map[string]any{
		"operation": "update", "file": "", "format": "api", "resource": "", "unknown": []any{},
	}}
	caps := capabilities()
	mods, byName, errs := parse(srcs, caps, true)
	if len(errs) > 0 {
		return nil, errs.sorted()
	}
	if len(opts.Namespaces) > 0 {
		// As Load: only the selected packages (and what they refer to) are
		// compiled, with the tests of those packages (package ns, or the
		// conventional ns_test).
		sel, errs := selectModules(mods, byName, &opts)
		if len(errs) > 0 {
			return nil, errs.sorted()
		}
		for n, m := range mods {
			if _, ok := sel[n]; ok || !strings.HasSuffix(n, "_test.rego") {
				continue
			}
			pkg := strings.TrimSuffix(strings.TrimPrefix(m.Package.Path.String(), "data."), "_test")
			for _, ns := range opts.Namespaces {
				if ok, _ := path.Match(ns, pkg); ok {
					sel[n] = m
				}
			}
		}
		mods = sel
	}
	c := ast.NewCompiler().
		WithCapabilities(caps).
		WithSchemas(schemaSet()).
		WithDefaultRegoVersion(ast.RegoV1).
		WithEnablePrintStatements(true)
	timeout := opts.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	r := tester.NewRunner().
		SetCompiler(c).
		SetStore(inmem.NewFromObject(data)).
		SetModules(mods).
		CapturePrintOutput(true).
		SetTimeout(timeout)
	if filter != "" {
		r = r.Filter(filter)
	}
	ch, err := r.RunTests(ctx, nil)
	if err != nil {
		return nil, fromAST(err, "").sorted()
	}
	var out []TestResult
	for res := range ch {
		tr := TestResult{Name: res.Package + "." + res.Name, Output: string(res.Output), Duration: res.Duration}
		if res.Location != nil {
			tr.File, tr.Line = res.Location.File, res.Location.Row
		}
		switch {
		case res.Skip:
			tr.Status = TestSkip
		case res.Error != nil:
			tr.Status, tr.Err = TestError, strings.TrimSpace(res.Error.Error())
		case res.Fail:
			tr.Status = TestFail
		default:
			tr.Status = TestPass
		}
		out = append(out, tr)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].File != out[j].File {
			return out[i].File < out[j].File
		}
		if out[i].Line != out[j].Line {
			return out[i].Line < out[j].Line
		}
		return out[i].Name < out[j].Name
	})
	return out, nil
}
