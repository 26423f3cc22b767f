package cli

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/cognitolint/cognitolint/report"
)

// TestJobsOutputIdentical: linting in parallel writes, in every format, the
// bytes a sequential run writes, and exits the same, over the repository's
// fixtures (every input shape, findings, suppressions, files skipped, a
// policy error) given as a walk and as out-of-order explicit paths.
func TestJobsOutputIdentical(t *testing.T) {
	t.Chdir(repoRoot)
	dir := t.TempDir()
	for _, paths := range [][]string{
		{"testdata"},
		{"testdata/outputs/in", "testdata/err/syntax.json", "testdata/cloudformation", "testdata/err/redirect-uri-https.json"},
	} {
		for _, format := range report.Formats() {
			var outs [2]string
			var codes [2]int
			for i, jobs := range []string{"1", "3"} {
				file := filepath.Join(dir, format+"-"+jobs)
				args := append([]string{"lint", "--jobs", jobs, "--no-color",
					"--config", "testdata/outputs/cognitolint.yaml", "--format", format + "=" + file}, paths...)
				codes[i], _, _ = runCLI(t, args...)
				b, err := os.ReadFile(file)
				if err != nil {
					t.Fatal(err)
				}
				outs[i] = string(b)
			}
			if outs[0] != outs[1] || codes[0] != codes[1] {
				t.Errorf("%v, %s: --jobs 1 (exit %d, %d bytes) and --jobs 3 (exit %d, %d bytes) differ", paths, format, codes[0], len(outs[0]), codes[1], len(outs[1]))
			}
			if len(outs[0]) < 100 {
				t.Errorf("%v, %s: output too short to tell: %q", paths, format, outs[0])
			}
		}
	}
}
