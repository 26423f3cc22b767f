package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// floodBound is how many times its size a pathological file may take in
// peak RSS above the process's own baseline. A list of 500,000 numbers
// where the shape has strings (1 MB) took about 390 times its size, and ran
// past the policies' 5 s deadline: a path string, a string in a slice and
// two map entries per bad item in the rules, then a path per item left out
// of the policies' input, listed one by one in
// data.cognitolint.document.unknown. It takes about 150-165 (mostly the
// parsed tree, 112 bytes a node, and the garbage collector's headroom).
const floodBound = 200

// TestPeakMemoryFlood lints a file of half a million bad list items in a
// subprocess, with the baseline policies, and checks its peak RSS.
func TestPeakMemoryFlood(t *testing.T) {
	if testing.Short() {
		t.Skip("lints a file of 500,000 list items")
	}
	if raceEnabled {
		t.Skip("the race detector multiplies memory")
	}
	dir := t.TempDir()
	small := filepath.Join(dir, "small.json")
	flood := filepath.Join(dir, "flood.json")
	head := `{"UserPoolId": "us-east-1_AbCd12345", "ClientName": "app", "ExplicitAuthFlows": [`
	if err := os.WriteFile(small, []byte(head+"1]}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	text := head + strings.Repeat("1,", 500_000-1) + "1]}\n"
	if err := os.WriteFile(flood, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	base := floodPeak(t, small)
	peak := floodPeak(t, flood)
	t.Logf("peak RSS %d KiB (baseline %d KiB) for %d bytes: %.0f times the file", peak, base, len(text), float64((peak-base)*1024)/float64(len(text)))
	if (peak-base)*1024 > floodBound*len(text) {
		t.Errorf("peak RSS %d KiB above a baseline of %d KiB for a file of %d bytes: more than %d times its size", peak-base, base, len(text), floodBound)
	}
}

// floodPeak lints file in a subprocess and returns its peak RSS in KiB.
func floodPeak(t *testing.T, file string) int {
	t.Helper()
	return helperPeak(t, []string{"lint", "--max-file-size", "64MiB", file}, nil)
}
