package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cognitolint/cognitolint/internal/hostile"
)

// floodCeiling is the most peak RSS, in MiB, that any file within the size
// limit may take: the readers' bounds (262,144 values in JSON and YAML,
// 131,072 lines and list items in Terraform, 1,000 app clients a file) cap
// what a file of tiny values costs, whatever its size. Before them, 6 MB
// of YAML list items took 490 MiB, 2 MB of Terraform list items 670 MiB, a
// template of 20,000 clients 375 MiB.
const floodCeiling = 256

// TestPeakMemoryFlood lints, each in a subprocess with the baseline
// policies, the worst files within the limits (tiny values just under a
// bound, and over it) and checks their peak RSS: under floodCeiling, and,
// above the process's own baseline, within ratio times the file's size.
func TestPeakMemoryFlood(t *testing.T) {
	if testing.Short() {
		t.Skip("lints files of 250,000 values")
	}
	if raceEnabled {
		t.Skip("the race detector multiplies memory")
	}
	list := func(n int, item func(i int) string) string {
		parts := make([]string, n)
		for i := range parts {
			parts[i] = item(i)
		}
		return strings.Join(parts, ",")
	}
	payload := `{"UserPoolId": "us-east-1_AbCd12345", "ClientName": "app", `
	cases := []struct {
		name, file, text string
		ratio            float64 // peak RSS above the baseline, per byte of the file
	}{
		{"250,000 numbers for strings", "numbers.json", payload + `"ExplicitAuthFlows": [` + list(250_000, func(int) string { return "1" }) + "]}\n", 200},
		{"a million numbers, past the value bound", "million.json", payload + `"ExplicitAuthFlows": [` + list(1_000_000, func(int) string { return "1" }) + "]}\n", 40},
		{"250,000 http callback URLs", "http.json", payload + `"CallbackURLs": [` + list(250_000, func(i int) string { return fmt.Sprintf(`"http://a.example.com/%d"`, i) }) + "]}\n", 25},
		{"250,000 YAML list items", "items.yaml", "UserPoolId: us-east-1_AbCd12345\nClientName: app\nCallbackURLs:\n" + strings.Repeat("- https://a.example.com/cb\n", 250_000), 30},
		{"120,000 Terraform list items", "main.tf", "resource \"aws_cognito_user_pool_client\" \"c\" {\n  name = \"c\"\n  user_pool_id = \"p\"\n  callback_urls = [" + list(120_000, func(i int) string { return fmt.Sprintf(`"https://a.example.com/%d"`, i) }) + "]\n}\n", 75},
		{"a template of 20,000 clients", "clients.json", string(hostile.Clients(20_000, "json")), 40},
	}
	dir := t.TempDir()
	small := filepath.Join(dir, "small.json")
	if err := os.WriteFile(small, []byte(payload+`"ExplicitAuthFlows": [1]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	base := floodPeak(t, small)
	for _, c := range cases {
		sub := filepath.Join(dir, strings.TrimSuffix(c.file, filepath.Ext(c.file)))
		if err := os.Mkdir(sub, 0o755); err != nil {
			t.Fatal(err)
		}
		file := filepath.Join(sub, c.file)
		if err := os.WriteFile(file, []byte(c.text), 0o644); err != nil {
			t.Fatal(err)
		}
		peak := floodPeak(t, file)
		over := func() bool {
			return peak > floodCeiling<<10 || float64((peak-base)*1024)/float64(len(c.text)) > c.ratio
		}
		for try := 0; try < 2 && over(); try++ {
			peak = min(peak, floodPeak(t, file)) // the least of a few runs (TestPeakMemoryFlat)
		}
		per := float64((peak-base)*1024) / float64(len(c.text))
		t.Logf("%s: peak RSS %d KiB (baseline %d KiB) for %d bytes: %.0f times the file above the baseline", c.name, peak, base, len(c.text), per)
		if peak > floodCeiling<<10 {
			t.Errorf("%s: peak RSS %d MiB, over %d MiB", c.name, peak>>10, floodCeiling)
		}
		if per > c.ratio {
			t.Errorf("%s: %.0f times its size above the baseline, more than %.0f", c.name, per, c.ratio)
		}
	}
}

// floodPeak lints file in a subprocess and returns its peak RSS in KiB.
func floodPeak(t *testing.T, file string) int {
	t.Helper()
	return helperPeak(t, []string{"lint", file}, nil)
}
