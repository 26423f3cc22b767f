package cli

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cognitolint/cognitolint/internal/gctune"
	"github.com/cognitolint/cognitolint/report"
)

// TestHelperProcess is the CLI in a process of its own, for tests that
// measure the process (TestPeakMemoryFlat); it does nothing in a normal run.
func TestHelperProcess(t *testing.T) {
	if os.Getenv("COGNITOLINT_HELPER") != "1" {
		return
	}
	args := os.Args
	for i, a := range args {
		if a == "--" {
			args = args[i+1:]
			break
		}
	}
	gctune.Start(gctune.Default) // as cmd/cognitolint does
	code := Main(args, os.Stdin, os.Stdout, os.Stderr)
	// The peak RSS of this process since exec: getrusage's ru_maxrss
	// would count the parent's RSS, which the child had before exec.
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(ExitTrouble)
	}
	for line := range strings.Lines(string(status)) {
		if strings.HasPrefix(line, "VmHWM:") {
			fmt.Fprint(os.Stderr, line)
		}
	}
	os.Exit(code)
}

// memoryBoundMiB is issue 3's and 12's bound on peak memory at 10,000
// files; this test holds 2,000 files to it, which the lint that kept every
// finding and every file's text until the end exceeded (94 MiB in json,
// 53 MiB in text; about 36 MiB streaming), and so did sarif and junit while
// they kept every finding.
const memoryBoundMiB = 48

// growthBound is how much more the peak may be at 2,000 files than at 500:
// flat, up to the garbage collector's noise.
const growthBound = 1.5

// TestPeakMemoryFlat lints 2,000 payloads with findings in a subprocess, in
// every format, and checks its peak RSS (VmHWM) against memoryBoundMiB and
// against the peak at 500 of them.
func TestPeakMemoryFlat(t *testing.T) {
	if testing.Short() {
		t.Skip("writes and lints 2,000 files")
	}
	if raceEnabled {
		t.Skip("the race detector multiplies memory")
	}
	dir := t.TempDir()
	for i := range 2000 {
		scheme := []string{"https", "http"}[i%2]
		payload := fmt.Sprintf(`{
  "UserPoolId": "us-east-1_AbCd12345",
  "ClientId": "client%08d",
  "ClientName": "client-%d",
  "RefreshTokenValidity": %d,
  "ExplicitAuthFlows": ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_PASSWORD_AUTH"],
  "SupportedIdentityProviders": ["COGNITO"],
  "CallbackURLs": ["%s://app%d.corp.example/auth/callback", "https://*.corp.example/cb"],
  "LogoutURLs": ["https://app.corp.example/signed-out"],
  "AllowedOAuthFlows": ["implicit"],
  "AllowedOAuthScopes": ["openid", "email", "aws.cognito.signin.user.admin"],
  "AllowedOAuthFlowsUserPoolClient": true%s
}
`, i, i, []int{1, 30, 365, 3650}[i%4], scheme, i, strings.Repeat(" ", i%7))
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("client-%05d.json", i)), []byte(payload), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var some []string // the first 500, as explicit paths
	for i := range 500 {
		some = append(some, filepath.Join(dir, fmt.Sprintf("client-%05d.json", i)))
	}
	for _, format := range report.Formats() {
		small := peakRSS(t, format, some, 500)
		peak := peakRSS(t, format, []string{dir}, 2000)
		// The collector runs beside the lint: on a machine busy with other
		// work (the other packages' tests) it can lag and the heap
		// overshoot by a few MiB once. The program's peak is the least of
		// a few runs, not what another process made of one.
		for try := 0; try < 2 && (peak > memoryBoundMiB || float64(peak) > growthBound*float64(small)); try++ {
			small = min(small, peakRSS(t, format, some, 500))
			peak = min(peak, peakRSS(t, format, []string{dir}, 2000))
		}
		t.Logf("%s: peak RSS %d MiB at 500 files, %d MiB at 2,000", format, small, peak)
		if peak > memoryBoundMiB {
			t.Errorf("%s: peak RSS %d MiB linting 2,000 files, want at most %d MiB", format, peak, memoryBoundMiB)
		}
		if float64(peak) > growthBound*float64(small) {
			t.Errorf("%s: peak RSS %d MiB at 2,000 files, %d MiB at 500: memory grows with the files", format, peak, small)
		}
	}
}

// peakRSS lints paths (n files) in format in a subprocess and returns its
// peak RSS in MiB.
func peakRSS(t *testing.T, format string, paths []string, n int) int {
	t.Helper()
	outFile := filepath.Join(t.TempDir(), "out")
	f, err := os.Create(outFile)
	if err != nil {
		t.Fatal(err)
	}
	kib := helperPeak(t, append([]string{"lint", "--format", format}, paths...), f)
	f.Close()
	out, _ := os.ReadFile(outFile)
	if format == "text" && !strings.Contains(string(out), fmt.Sprintf(" in %d files (%d documents)", n, n)) {
		t.Fatalf("text: summary missing:\n%s", out[max(0, len(out)-300):])
	}
	return kib / 1024
}

// helperPeak runs the CLI with args in a subprocess (TestHelperProcess),
// its output to stdout (nil: discarded), and returns its peak RSS in KiB.
// The lint must fail (exit 1): every input of these tests has findings.
func helperPeak(t *testing.T, args []string, stdout io.Writer) int {
	t.Helper()
	cmd := exec.Command(os.Args[0], append([]string{"-test.run=^TestHelperProcess$", "--"}, args...)...)
	cmd.Env = append(os.Environ(), "COGNITOLINT_HELPER=1")
	cmd.Stdout = stdout
	var stderr strings.Builder
	cmd.Stderr = &stderr
	err := cmd.Run()
	if code := cmd.ProcessState.ExitCode(); code != ExitFail {
		t.Fatalf("%v: exit %d (%v), want %d; stderr: %s", args, code, err, ExitFail, stderr.String())
	}
	var kib int
	_, hwm, _ := strings.Cut(stderr.String(), "VmHWM:")
	if _, err := fmt.Sscanf(hwm, "%d kB", &kib); err != nil {
		t.Fatalf("%v: no VmHWM in the helper's stderr: %v\n%s", args, err, stderr.String())
	}
	return kib
}
