package validate

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// maxLines counts lines as generously as any reader does: YAML also
// breaks lines at a lone CR, NEL, LS and PS.
func maxLines(b []byte) int {
	n := bytes.Count(b, []byte("\n")) + bytes.Count(b, []byte("\r")) + 1
	for _, r := range []string{"\u0085", "\u2028", "\u2029"} {
		n += bytes.Count(b, []byte(r))
	}
	return n
}

// fuzzNames are the file names FuzzLintFixtures lints its input as: the
// name chooses the reader (HCL, Terraform JSON, Serverless…) as a walk's
// file names do.
var fuzzNames = []string{"f.json", "f.yaml", "main.tf", "cdk.tf.json", "serverless.yml", "k8s.yaml", "Pulumi.yaml", "stack.template", "-"}

// addAllFixtures seeds f with every input fixture under testdata/ (golden
// outputs and files over 64 KiB left out), each under the name of its own
// format.
func addAllFixtures(f *testing.F) {
	_ = filepath.WalkDir("../testdata", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		ext := filepath.Ext(path)
		switch ext {
		case ".json", ".yaml", ".yml", ".tf", ".template", ".tfvars":
		default:
			return nil
		}
		info, err := d.Info()
		if err != nil || info.Size() > 64<<10 {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return nil
		}
		name := uint8(0)
		for i, n := range fuzzNames {
			if strings.HasSuffix(path, filepath.Ext(n)) || filepath.Base(path) == n {
				name = uint8(i)
			}
		}
		f.Add(name, b)
		return nil
	})
}

// FuzzLintFixtures: the whole lint path, every reader, seeded with every
// fixture of the repository: it never panics, never errors on content,
// never hangs, and gives findings inside the file, sorted, with a rule and
// a message.
func FuzzLintFixtures(f *testing.F) {
	addAllFixtures(f)
	l, err := New(Options{})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, name uint8, b []byte) {
		file := fuzzNames[int(name)%len(fuzzNames)]
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		rep, err := l.Lint(ctx, file, b)
		if err != nil {
			t.Fatalf("Lint(%s): %v", file, err)
		}
		lines := maxLines(b)
		for i, fd := range rep.Findings {
			if fd.Line < 0 || fd.Line > lines || fd.Column < 0 {
				t.Fatalf("finding outside the file (%d lines): %+v", lines, fd)
			}
			if fd.Message == "" || fd.Rule == "" {
				t.Fatalf("empty finding: %+v", fd)
			}
			if i > 0 && fd.File == rep.Findings[i-1].File && fd.Line < rep.Findings[i-1].Line {
				t.Fatalf("findings not sorted: %+v after %+v", fd, rep.Findings[i-1])
			}
		}
	})
}
