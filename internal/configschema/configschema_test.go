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
	ig := s.Properties["ignore"].(map[string]any)
	if alts, ok := ig["anyOf"].([]any); ok { // the list, or null
		ig = alts[0].(map[string]any)
	}
	ignore := ig["items"].(map[string]any)["properties"].(map[string]any)
	if got, want := schemaKeys(t, ignore), parserKeys(t, "ignore:\n  - rule: x\n    reason: r\n    zzz: 1\n"); !slices.Equal(got, want) {
		t.Errorf("schema ignore keys %v, Parse takes %v: add the key to config.IgnoreEntry and run go generate ./config", got, want)
	}
}

// FuzzSchemaAgreesWithParse: a config that Parse reads validates against
// the schema, so an editor never flags a file cognitolint accepts, and a
// config that the schema accepts Parse reads. Two differences by design:
// Parse takes the levels of rules: in any case (Error), the schema lists
// them in lower case, so the fuzz leaves such files out; and Parse reads a
// scalar that YAML types as a number where a string goes (policies:
// [2024]), where the schema asks for a string (quote it), so the fuzz
// gives the schema such scalars as strings (jsonValue).
func FuzzSchemaAgreesWithParse(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join(root, "testdata/config/*/*.yaml"))
	for _, file := range files {
		if b, err := os.ReadFile(file); err == nil {
			f.Add(b)
		}
	}
	for _, s := range []string{
		"rules:\n", "ignore:\n", "policies:\n", "data: []\n", "fail-on: never\nbaseline: false\n",
		"ignore:\n  - rule: a\n    reason: b\n    paths:\n", "rules: {a: warning, 'sec-*': off}\n",
	} {
		f.Add([]byte(s))
	}
	c := jsonschema.NewCompiler()
	s, err := c.Compile(filepath.Join(root, Path))
	if err != nil {
		f.Fatal(err)
	}
	levelCase := regexp.MustCompile(`(?i)\b(off|error|warning|info)\b`)
	f.Fuzz(func(t *testing.T, src []byte) {
		var doc yaml.Node
		if yaml.Unmarshal(src, &doc) != nil || len(doc.Content) == 0 {
			return
		}
		budget := 10000
		v, ok := jsonValue(doc.Content[0], &budget)
		if !ok || v == nil {
			return
		}
		b, err := json.Marshal(v)
		if err != nil {
			return
		}
		for _, m := range levelCase.FindAllString(string(src), -1) {
			if m != strings.ToLower(m) {
				return
			}
		}
		inst, err := jsonschema.UnmarshalJSON(strings.NewReader(string(b)))
		if err != nil {
			return
		}
		_, perr := config.Parse("f.yaml", src)
		serr := s.Validate(inst)
		if perr == nil && serr != nil {
			t.Fatalf("Parse reads %q, the schema rejects it: %v", src, serr)
		}
		if perr != nil && serr == nil {
			t.Fatalf("the schema accepts %q, Parse rejects it: %v", src, perr)
		}
	})
}

// jsonValue is the JSON value of a YAML node, every scalar a string but
// null and the booleans true and false (all Parse takes for baseline);
// false for what has no JSON form (a key that is not a scalar) or is too
// large (aliases of aliases: *budget bounds the nodes visited).
func jsonValue(n *yaml.Node, budget *int) (any, bool) {
	if *budget--; *budget < 0 {
		return nil, false
	}
	switch n.Kind {
	case yaml.AliasNode:
		return jsonValue(n.Alias, budget)
	case yaml.ScalarNode:
		switch {
		case n.Tag == "!!null":
			return nil, true
		case n.Tag == "!!bool" && (n.Value == "true" || n.Value == "false"):
			return n.Value == "true", true
		}
		return n.Value, true
	case yaml.SequenceNode:
		out := []any{}
		for _, c := range n.Content {
			v, ok := jsonValue(c, budget)
			if !ok {
				return nil, false
			}
			out = append(out, v)
		}
		return out, true
	case yaml.MappingNode:
		out := map[string]any{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			if k.Kind != yaml.ScalarNode {
				return nil, false
			}
			if _, dup := out[k.Value]; dup {
				return nil, false // JSON has no duplicate keys; Parse reports them
			}
			v, ok := jsonValue(n.Content[i+1], budget)
			if !ok {
				return nil, false
			}
			out[k.Value] = v
		}
		return out, true
	}
	return nil, false
}
