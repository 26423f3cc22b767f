package cli

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// fixArgs are the lint arguments of a testdata/fix case: its current.json
// as --current when it has one. The baseline pack is left out: its rules
// propose no fixes.
func fixArgs(dir string) []string {
	args := []string{"lint", "--no-baseline", "--no-color"}
	if _, err := os.Stat(filepath.Join(dir, "current.json")); err == nil {
		args = append(args, "--current", filepath.Join(dir, "current.json"))
	}
	return args
}

// TestGoldenFix runs every case under testdata/fix: --diff prints
// diff.golden and writes nothing; --fix on a copy turns input.json into
// fixed.golden and reports what is left (left.golden); linting the fixed
// file again reports exactly that.
func TestGoldenFix(t *testing.T) {
	for _, dir := range fixtures(t, "../../testdata/fix/*") {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			in := filepath.Join(dir, "input.json")
			before, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			diff, stderr, code := run(t, "", append(fixArgs(dir), "--diff", in)...)
			golden(t, filepath.Join(dir, "diff.golden"), diff)
			if after, _ := os.ReadFile(in); string(after) != string(before) {
				t.Fatal("--diff wrote the file")
			}
			if want := 0; diff != "" {
				want = ExitFail
				if code != want {
					t.Errorf("--diff exit %d, want %d (a diff fails the run); stderr %s", code, want, stderr)
				}
			} else if code != want {
				t.Errorf("--diff with nothing to fix: exit %d, want 0; stderr %s", code, stderr)
			}
			if strings.Contains(diff, "s3cr3t") {
				t.Error("the diff shows a secret")
			}

			tmp := filepath.Join(t.TempDir(), "input.json")
			if err := os.WriteFile(tmp, before, 0o640); err != nil {
				t.Fatal(err)
			}
			left, _, code := run(t, "", append(fixArgs(dir), "--fix", tmp)...)
			fixed, err := os.ReadFile(tmp)
			if err != nil {
				t.Fatal(err)
			}
			golden(t, filepath.Join(dir, "fixed.golden"), string(fixed))
			left = strings.ReplaceAll(left, tmp, "input.json")
			golden(t, filepath.Join(dir, "left.golden"), left)
			if (diff == "") != (string(fixed) == string(before)) {
				t.Error("--diff and --fix disagree on whether the file changes")
			}
			again, _, code2 := run(t, "", append(fixArgs(dir), tmp)...)
			if again = strings.ReplaceAll(again, tmp, "input.json"); again != left || code2 != code {
				t.Errorf("linting the fixed file again gives\n%s(exit %d), but --fix reported\n%s(exit %d)", again, code2, left, code)
			}
			if runtime.GOOS != "windows" {
				if st, _ := os.Stat(tmp); st.Mode().Perm() != 0o640 {
					t.Errorf("--fix changed the file mode to %v", st.Mode().Perm())
				}
			}
		})
	}
}

// TestFixCompleteUpdate is issue 11's acceptance: `lint --fix --current
// describe.json update.json` turns a partial update into the complete
// request, and linting it again finds no update-omitted-fields-reset.
func TestFixCompleteUpdate(t *testing.T) {
	dir := t.TempDir()
	describe := filepath.Join(dir, "describe.json")
	update := filepath.Join(dir, "update.json")
	cur, err := os.ReadFile("../../testdata/fix/update-omitted-fields-reset/current.json")
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(describe, cur, 0o644)
	os.WriteFile(update, []byte(`{"UserPoolId": "us-east-1_AbCd12345", "ClientId": "1example23456789", "CallbackURLs": ["https://app.example.com/cb"]}`), 0o644)
	out, stderr, code := run(t, "", "lint", "--no-baseline", "--current", describe, update)
	if !strings.Contains(out, "[update-omitted-fields-reset]") {
		t.Fatalf("the partial update has no reset finding:\n%s%s (exit %d)", out, stderr, code)
	}
	out, stderr, code = run(t, "", "lint", "--fix", "--current", describe, update)
	if strings.Contains(out, "update-omitted-fields-reset") || !strings.Contains(stderr, "fixed: add the") {
		t.Fatalf("--fix left a reset or applied no fix:\n%s%s (exit %d)", out, stderr, code)
	}
	out, _, _ = run(t, "", "lint", "--current", describe, update)
	if strings.Contains(out, "update-omitted-fields-reset") {
		t.Fatalf("linting the fixed update again finds a reset:\n%s", out)
	}
	// The complete request has every member of the describe output that
	// UpdateUserPoolClient takes, and none it does not.
	fixed, _ := os.ReadFile(update)
	for _, m := range []string{"RefreshTokenValidity", "TokenValidityUnits", "ReadAttributes", "LogoutURLs", "PreventUserExistenceErrors", "AuthSessionValidity", "ClientName"} {
		if !strings.Contains(string(fixed), `"`+m+`"`) {
			t.Errorf("the fixed update lacks %s:\n%s", m, fixed)
		}
	}
	for _, m := range []string{"ClientSecret", "CreationDate", "LastModifiedDate", "s3cr3t"} {
		if strings.Contains(string(fixed), m) {
			t.Errorf("the fixed update has the read-only %s:\n%s", m, fixed)
		}
	}
}

func TestFixStdin(t *testing.T) {
	payload := `{"UserPoolId": "us-east-1_AbCd12345", "ClientName": "x", "CallbackUrls": ["https://a.example.com/cb"]}`
	_, stderr, code := run(t, payload, "lint", "--fix", "-")
	if code != ExitTrouble || !strings.Contains(stderr, "--fix cannot write the fixed text back to stdin") {
		t.Errorf("--fix on stdin: exit %d, stderr %q; want exit 2 and a clear refusal", code, stderr)
	}
	diff, _, code := run(t, payload, "lint", "--diff", "-")
	if code != ExitFail || !strings.Contains(diff, `+{"UserPoolId": "us-east-1_AbCd12345", "ClientName": "x", "CallbackURLs"`) {
		t.Errorf("--diff on stdin: exit %d, diff %q", code, diff)
	}
}

// TestFixSymlink: --fix replaces a link's target and keeps the link.
func TestFixSymlink(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("symbolic links need privileges on Windows")
	}
	dir := t.TempDir()
	target := filepath.Join(dir, "real.json")
	link := filepath.Join(dir, "link.json")
	os.WriteFile(target, []byte(`{"UserPoolId": "us-east-1_AbCd12345", "ClientName": "x", "CallbackUrls": ["https://a.example.com/cb"]}`), 0o644)
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	run(t, "", "lint", "--fix", link)
	if st, err := os.Lstat(link); err != nil || st.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("the link is gone: %v", err)
	}
	if b, _ := os.ReadFile(target); !strings.Contains(string(b), "CallbackURLs") {
		t.Errorf("the target was not fixed: %s", b)
	}
}
