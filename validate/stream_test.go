package validate

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cognitolint/cognitolint/finding"
	"github.com/cognitolint/cognitolint/input"
)

// streamTree writes, in a new working directory, files whose names sort
// differently from a plain directory walk ("a.json" before "a/x.json", as
// '.' < '/'), files a walk skips, and returns the payload with a finding.
func streamTree(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	t.Chdir(dir)
	bad := `{"UserPoolId": "us-east-1_A1", "ClientName": "x",
  "CallbackURLs": ["http://a.example.com/cb", "https://*.example.com/cb"]}`
	files := map[string]string{
		"a.json":         bad,
		"a/x.json":       bad,
		"a/y.json":       bad,
		"a-b.json":       bad,
		"a-b/z.json":     bad,
		"a.b.json":       bad,
		"b/c/d.json":     bad,
		"b/c.json":       `{"UserPoolId": "us-east-1_A1", "ClientName": "x"}`,
		"readme.txt":     "not read",
		"other.json":     `{"x": 1}`,
		".hidden/h.json": bad,
		"broken.json":    `{"UserPoolId": "us-east-1_A1", "ClientName": `,
	}
	for name, src := range files {
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return bad
}

func TestLintPathsFuncMatchesLintPaths(t *testing.T) {
	bad := streamTree(t)
	abs, _ := os.Getwd()
	l := newLinter(t, Options{Ignore: []Ignore{{Rule: "redirect-uri-wildcard", Paths: []string{"**/a/*.json"}, Reason: "test"}}})
	suppressed := 0
	for _, tc := range []struct {
		paths    []string
		streamed bool // inOrder
	}{
		{[]string{"."}, true},
		{[]string{abs}, true},
		{[]string{"a.json", "a"}, true},
		{[]string{"a", "a.json"}, false},
		{[]string{"-", "a-b", "a.json", "b"}, true},
		{[]string{"a-b", "a"}, true}, // "a-b/…" < "a/…"
		{[]string{"a", "a-b"}, false},
		{[]string{".", "a.json"}, false},
		{[]string{"a.json", "a.json"}, false},
		{[]string{"./a", "a"}, false},
		{[]string{"b", "a"}, false},
		{[]string{"a", "b/c/d.json", "-"}, false},
		{[]string{"a/x.json", "a/y.json", "b/c"}, true},
		{[]string{"a", "ab"}, true}, // "ab" missing: an error
	} {
		name := strings.Join(tc.paths, " ")
		if got := inOrder(tc.paths); got != tc.streamed {
			t.Errorf("inOrder(%s) = %v, want %v", name, got, tc.streamed)
		}
		want, wantErr := l.LintPaths(context.Background(), tc.paths, strings.NewReader(bad))
		var got, sup []Finding
		var targets []finding.Target
		var files []string
		total, err := l.LintPathsFunc(context.Background(), tc.paths, strings.NewReader(bad), func(rep *Report) error {
			file := ""
			for _, f := range slices.Concat(rep.Findings, rep.Suppressed) {
				if file != "" && f.File != file {
					t.Errorf("%s: one report holds findings of %s and %s", name, file, f.File)
				}
				file = f.File
				if rep.Sources[f.File] == nil && f.Line > 0 && len(rep.Findings) > 0 {
					t.Errorf("%s: no source for %s", name, f.File)
				}
			}
			if file != "" {
				if n := len(files); n > 0 && files[n-1] >= file {
					t.Errorf("%s: %s handed over after %s", name, file, files[n-1])
				}
				files = append(files, file)
			}
			got = append(got, rep.Findings...)
			sup = append(sup, rep.Suppressed...)
			targets = append(targets, rep.Targets...)
			return nil
		})
		if wantErr != nil || err != nil {
			if wantErr == nil || err == nil || err.Error() != wantErr.Error() {
				t.Errorf("%s: error %v, LintPaths: %v", name, err, wantErr)
			}
			if err != nil && got != nil {
				t.Errorf("%s: findings handed over before the error of a missing path", name)
			}
			continue
		}
		if len(want.Findings) == 0 {
			t.Fatalf("%s: no findings", name)
		}
		suppressed += len(want.Suppressed)
		if !reflect.DeepEqual(got, want.Findings) {
			t.Errorf("%s: findings differ from LintPaths':\n got %v\nwant %v", name, fileLines(got), fileLines(want.Findings))
		}
		if !reflect.DeepEqual(sup, want.Suppressed) {
			t.Errorf("%s: suppressed findings differ:\n got %v\nwant %v", name, fileLines(sup), fileLines(want.Suppressed))
		}
		wantTargets := slices.Clone(want.Targets)
		slices.SortStableFunc(wantTargets, func(a, b finding.Target) int { return strings.Compare(a.File, b.File) })
		if !reflect.DeepEqual(targets, wantTargets) {
			t.Errorf("%s: targets %v, want %v", name, targets, wantTargets)
		}
		if total.Files != want.Files || total.Documents != want.Documents || total.Skipped != want.Skipped ||
			total.Findings != nil || total.Targets != nil || total.Sources != nil {
			t.Errorf("%s: totals %+v, want the counts of %d files, %d documents, %d skipped only",
				name, total, want.Files, want.Documents, want.Skipped)
		}
	}
	if suppressed == 0 {
		t.Error("no case has suppressed findings")
	}
}

func fileLines(fs []Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.File+":"+f.Rule)
	}
	return out
}

// TestLintPathsFuncStreams shows that a file is handed over before the
// next one is read: removing a later file (listed already) from the
// callback makes the walk fail on it, which it could not if every file
// were read first.
func TestLintPathsFuncStreams(t *testing.T) {
	streamTree(t)
	// One at a time: with more jobs, broken.json may be read already.
	l := newLinter(t, Options{Jobs: 1})
	calls := 0
	var last *Report
	total, err := l.LintPathsFunc(context.Background(), []string{"."}, nil, func(rep *Report) error {
		calls++
		if calls == 1 {
			if err := os.Remove("broken.json"); err != nil {
				t.Fatal(err)
			}
		}
		if len(rep.Findings) > 0 && rep.Findings[0].File == "broken.json" {
			last = rep
		}
		return nil
	})
	// A file gone between the listing and its reading is unreadable: a
	// finding, and the lint goes on.
	if err != nil || last == nil || last.Findings[0].Rule != "unreadable-file" || total.Files != 8 {
		t.Errorf("error %v, report %+v after removing a later file; calls %d", err, last, calls)
	}
	l = newLinter(t, Options{})
	// An error of fn stops the lint.
	stop := errors.New("stop")
	calls = 0
	_, err = l.LintPathsFunc(context.Background(), []string{"a", "b"}, nil, func(*Report) error {
		calls++
		return stop
	})
	if !errors.Is(err, stop) || calls != 1 {
		t.Errorf("fn's error: got %v after %d calls", err, calls)
	}
}

func TestWalkSortedOrder(t *testing.T) {
	streamTree(t)
	var got []string
	skipped := 0
	err := newLinter(t, Options{}).walk(".", func(u unit) error {
		got = append(got, filepath.ToSlash(u.name))
		return nil
	}, &skipped)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.IsSorted(got) {
		t.Errorf("walk order is not the order of the names: %v", got)
	}
	var walked []string
	filepath.WalkDir(".", func(p string, d os.DirEntry, err error) error {
		if err == nil && d.IsDir() && strings.HasPrefix(d.Name(), ".") && p != "." {
			return filepath.SkipDir
		}
		if err == nil && !d.IsDir() && input.Readable(p) {
			walked = append(walked, filepath.ToSlash(p))
		}
		return err
	})
	slices.Sort(walked)
	if !slices.Equal(got, walked) {
		t.Errorf("walkSorted visits %v, filepath.WalkDir %v", got, walked)
	}
}

// TestLargeFilesOneAtATime: with many jobs, files are linted at once only
// up to inputBudget bytes of them: four files of 1.5 MiB are linted one at
// a time (each can take a hundred times its size), while small files run
// on every job.
func TestLargeFilesOneAtATime(t *testing.T) {
	dir := t.TempDir()
	big := `{"UserPoolId": "us-east-1_AbCd12345", "ClientName": "web", "CallbackURLs": ["https://a.example.com/cb"]` + strings.Repeat(" ", 3<<19) + "}"
	for i := range 4 {
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("big%d.json", i)), []byte(big), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var mu sync.Mutex
	var bytesNow, most, concurrent, mostFiles int
	inputsHook = func(size int) func() {
		mu.Lock()
		bytesNow += size
		concurrent++
		most, mostFiles = max(most, bytesNow), max(mostFiles, concurrent)
		mu.Unlock()
		time.Sleep(20 * time.Millisecond) // let the other jobs try
		return func() {
			mu.Lock()
			bytesNow -= size
			concurrent--
			mu.Unlock()
		}
	}
	defer func() { inputsHook = nil }()
	l := newLinter(t, Options{Jobs: 4})
	if _, err := l.LintPaths(context.Background(), []string{dir}, nil); err != nil {
		t.Fatal(err)
	}
	if most > inputBudget {
		t.Errorf("%d bytes of files linted at once, over %d", most, inputBudget)
	}
	small := t.TempDir()
	for i := range 16 {
		if err := os.WriteFile(filepath.Join(small, fmt.Sprintf("c%d.json", i)), []byte(`{"UserPoolId": "us-east-1_AbCd12345", "ClientName": "web"}`), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	mostFiles = 0
	if _, err := l.LintPaths(context.Background(), []string{small}, nil); err != nil {
		t.Fatal(err)
	}
	if mostFiles < 2 {
		t.Errorf("small files were linted %d at a time with 4 jobs", mostFiles)
	}
}
