package configschema

import (
	"encoding/json"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"gopkg.in/yaml.v3"

	"github.com/cognitolint/cognitolint/config"
)

var update = flag.Bool("update", false, "rewrite "+Path)

const root = "../.."

// TestSchemaCurrent: the schema in the repository is what Generate makes
// of config.Document (go generate ./config rewrites it).
func TestSchemaCurrent(t *testing.T) {
	t.Chdir(root)
	got, err := Generate()
	if err != nil {
		t.Fatal(err)
	}
	file := Path
	if *update {
		if err := os.WriteFile(file, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (go generate ./config writes it)", err)
	}
	if string(want) != string(got) {
		t.Errorf("%s is not what config.Document gives: run go generate ./config\n--- got\n%s", Path, got)
	}
}

func compile(t *testing.T) *jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	s, err := c.Compile(filepath.Join(root, Path))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// instance reads a YAML config as the JSON value a YAML language server
// validates; nil for an empty file.
func instance(t *testing.T, src []byte) any {
	t.Helper()
	var v any
	if err := yaml.Unmarshal(src, &v); err != nil {
		t.Fatal(err)
	}
	if v == nil {
		return nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	inst, err := jsonschema.UnmarshalJSON(strings.NewReader(string(b)))
	if err != nil {
		t.Fatal(err)
	}
	return inst
}

// configs returns the config files under testdata: every file named
// .cognitolint.yaml or cognitolint.yaml (and .yml), and those under
// testdata/config/valid.
func configs(t *testing.T) []string {
	t.Helper()
	var files []string
	err := filepath.WalkDir(filepath.Join(root, "testdata"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		name := strings.TrimPrefix(d.Name(), ".")
		if name == "cognitolint.yaml" || name == "cognitolint.yml" || filepath.Base(filepath.Dir(p)) == "valid" && filepath.Base(filepath.Dir(filepath.Dir(p))) == "config" {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 3 {
		t.Fatalf("found only %v", files)
	}
	return files
}

// TestTestdataConfigsValidate: every config of the repository's tests,
// which Parse reads without error, validates against the schema.
func TestTestdataConfigsValidate(t *testing.T) {
	s := compile(t)
	for _, file := range configs(t) {
		t.Run(file, func(t *testing.T) {
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := config.Parse(file, src); err != nil {
				t.Fatalf("Parse: %v", err)
			}
			inst := instance(t, src)
			if inst == nil {
				return // an empty file: nothing to validate
			}
			if err := s.Validate(inst); err != nil {
				t.Errorf("the schema rejects a config that Parse reads: %v", err)
			}
		})
	}
}

// TestInvalidConfigsRejected: each config under testdata/config/invalid
// is an error for Parse and for the schema alike.
func TestInvalidConfigsRejected(t *testing.T) {
	s := compile(t)
	files, _ := filepath.Glob(filepath.Join(root, "testdata/config/invalid/*.yaml"))
	if len(files) == 0 {
		t.Fatal("no invalid configs")
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := config.Parse(file, src); err == nil {
				t.Error("Parse reads it")
			}
			if err := s.Validate(instance(t, src)); err == nil {
				t.Error("the schema accepts it")
			}
		})
	}
}

var keysList = regexp.MustCompile(`the keys are ([a-z, -]+)$`)

// parserKeys are the keys Parse takes where src has an unknown key, as its
// error lists them.
func parserKeys(t *testing.T, src string) []string {
	t.Helper()
	_, err := config.Parse("c.yaml", []byte(src))
	if err == nil {
		t.Fatalf("%q parses", src)
	}
	m := keysList.FindStringSubmatch(err.Error())
	if m == nil {
		t.Fatalf("the error does not list the keys: %v", err)
	}
	keys := strings.Split(m[1], ", ")
	slices.Sort(keys)
	return keys
}

func schemaKeys(t *testing.T, props map[string]any) []string {
	t.Helper()
	var keys []string
	for k := range props {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// TestKeysMatchParser: the schema has exactly the keys Parse takes, at the
// top and in an ignore entry: a key added to Parse needs its field in
// config.Document (then go generate ./config).
func TestKeysMatchParser(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(root, Path))
	if err != nil {
		t.Fatal(err)
	}
	var s struct {
		Properties map[string]any
	}
	if err := json.Unmarshal(b, &s); err != nil {
		t.Fatal(err)
	}
	if got, want := schemaKeys(t, s.Properties), parserKeys(t, "zzz: 1\n"); !slices.Equal(got, want) {
		t.Errorf("schema keys %v, Parse takes %v: add the key to config.Document and run go generate ./config", got, want)
	}
	ignore := s.Properties["ignore"].(map[string]any)["items"].(map[string]any)["properties"].(map[string]any)
	if got, want := schemaKeys(t, ignore), parserKeys(t, "ignore:\n  - rule: x\n    reason: r\n    zzz: 1\n"); !slices.Equal(got, want) {
		t.Errorf("schema ignore keys %v, Parse takes %v: add the key to config.IgnoreEntry and run go generate ./config", got, want)
	}
}
