package policy

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/cognitolint/cognitolint/internal/safefile"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"go.yaml.in/yaml/v3"

	"github.com/cognitolint/cognitolint/policy/baseline"
)

// source is one policy file before parsing.
type source struct {
	name     string // how errors and test results name it
	text     string
	test     bool // a *_test.rego file: loaded by Verify only
	baseline bool // part of the embedded baseline pack
}

// BaselinePrefix is how the files of the embedded baseline pack are named
// in errors and test results: their path in cognitolint's repository.
const BaselinePrefix = "policy/baseline/"

// sources collects the policy files opts names, the baseline pack first.
func sources(opts *Options) ([]source, error) {
	var out []source
	if !opts.NoBaseline {
		src, err := fsSources(baseline.FS, "", true)
		if err != nil {
			return nil, fmt.Errorf("baseline pack: %w", err)
		}
		for i := range src {
			src[i].name = BaselinePrefix + src[i].name
		}
		out = append(out, src...)
	}
	for _, dir := range opts.Dirs {
		src, err := dirSources(dir)
		if err != nil {
			return nil, err
		}
		out = append(out, src...)
	}
	for i, fsys := range opts.FS {
		src, err := fsSources(fsys, "", false)
		if err != nil {
			return nil, fmt.Errorf("policy fs #%d: %w", i+1, err)
		}
		out = append(out, src...)
	}
	names := make([]string, 0, len(opts.Modules))
	for name := range opts.Modules {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		out = append(out, source{name: name, text: opts.Modules[name], test: isTestFile(name)})
	}
	// Two trees may hold files of the same name; keep both, told apart.
	seen := map[string]int{}
	for i := range out {
		n := out[i].name
		seen[n]++
		if seen[n] > 1 {
			out[i].name = fmt.Sprintf("%s (#%d)", n, seen[n])
		}
	}
	return out, nil
}

func isTestFile(name string) bool { return strings.HasSuffix(name, "_test.rego") }

// dirSources reads every .rego file under dir (or dir itself when it is a
// file), skipping hidden directories.
func dirSources(dir string) ([]source, error) {
	info, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("policy directory %s: %w", dir, plainPathError(err))
	}
	if !info.IsDir() {
		if !strings.HasSuffix(dir, ".rego") {
			return nil, fmt.Errorf("policy %s: not a directory or a .rego file", dir)
		}
		b, err := safefile.Read(dir, safefile.Limit)
		if err != nil {
			return nil, fmt.Errorf("policy %s: %w", dir, plainPathError(err))
		}
		return []source{{name: dir, text: string(b), test: isTestFile(dir)}}, nil
	}
	var out []source
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return fmt.Errorf("policy directory %s: %w", p, plainPathError(err))
		}
		if d.IsDir() {
			if p != dir && strings.HasPrefix(d.Name(), ".") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(p, ".rego") {
			return nil
		}
		// A link in a policy directory stays in it, as a directory walk
		// of inputs never leaves its tree: a policy linked to a file of
		// the machine would show it in its load error.
		if d.Type()&fs.ModeSymlink != 0 {
			if err := safefile.Within(dir, p); err != nil {
				return fmt.Errorf("policy %s: a link out of the policy directory %s; copy the policy in instead", p, dir)
			}
		}
		b, err := safefile.Read(p, safefile.Limit)
		if err != nil {
			return fmt.Errorf("policy %s: %w", p, plainPathError(err))
		}
		out = append(out, source{name: p, text: string(b), test: isTestFile(p)})
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("policy directory %s has no .rego files", dir)
	}
	return out, nil
}

// fsSources reads every .rego file of fsys under root.
func fsSources(fsys fs.FS, root string, isBaseline bool) ([]source, error) {
	if root == "" {
		root = "."
	}
	var out []source
	err := fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if p != root && strings.HasPrefix(d.Name(), ".") {
				return fs.SkipDir
			}
			return nil
		}
		if path.Ext(p) != ".rego" {
			return nil
		}
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		out = append(out, source{name: p, text: string(b), test: isTestFile(p), baseline: isBaseline})
		return nil
	})
	return out, err
}

func plainPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return errors.New("no such file or directory")
	case errors.Is(err, fs.ErrPermission):
		return errors.New("permission denied")
	}
	return err
}

// parse parses the sources as Rego v1 with annotations. Test files are
// parsed only when withTests is set.
func parse(srcs []source, caps *ast.Capabilities, withTests bool) (map[string]*ast.Module, map[string]source, Errors) {
	mods := make(map[string]*ast.Module, len(srcs))
	byName := make(map[string]source, len(srcs))
	var errs Errors
	popts := ast.ParserOptions{RegoVersion: ast.RegoV1, ProcessAnnotation: true, Capabilities: caps}
	for _, s := range srcs {
		if s.test && !withTests {
			continue
		}
		m, err := ast.ParseModuleWithOpts(s.name, s.text, popts)
		if err != nil {
			errs = append(errs, fromAST(err, s.name)...)
			continue
		}
		if m.Package.Path.HasPrefix(reservedRef) {
			errs = append(errs, Error{File: s.name, Line: m.Package.Location.Row, Col: m.Package.Location.Col,
				Message: fmt.Sprintf("package %s is reserved: data.cognitolint holds the document being linted; rename the package",
					strings.TrimPrefix(m.Package.Path.String(), "data."))})
			continue
		}
		mods[s.name] = m
		byName[s.name] = s
	}
	return mods, byName, errs
}

// reservedRef is data.cognitolint: what the linter tells policies about the
// document (policy.md).
var reservedRef = ast.MustParseRef("data.cognitolint")

// loadData reads --data files (JSON or YAML objects) and merges them, then
// the data given in memory.
func loadData(files []string, mem map[string]any) (map[string]any, error) {
	data := map[string]any{}
	owner := map[string]string{}
	for _, f := range files {
		b, err := safefile.Read(f, safefile.Limit)
		if err != nil {
			return nil, fmt.Errorf("data file %s: %w", f, plainPathError(err))
		}
		v, err := decodeData(f, b)
		if err != nil {
			return nil, err
		}
		obj, ok := v.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("data file %s: the top level must be an object (its keys go under data), not %s", f, jsonKind(v))
		}
		if _, ok := obj["cognitolint"]; ok {
			return nil, fmt.Errorf("data file %s: the key \"cognitolint\" is reserved for data.cognitolint; rename it", f)
		}
		if err := merge(data, obj, "data", f, owner); err != nil {
			return nil, err
		}
	}
	if mem != nil {
		const name = "Options.Data"
		if _, ok := mem["cognitolint"]; ok {
			return nil, fmt.Errorf("%s: the key \"cognitolint\" is reserved for data.cognitolint; rename it", name)
		}
		v, err := toJSONValue(mem)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", name, err)
		}
		if err := merge(data, v.(map[string]any), "data", name, owner); err != nil {
			return nil, err
		}
	}
	return data, nil
}

// toJSONValue turns Go values into the JSON values policies read, through
// encoding/json (numbers as json.Number).
func toJSONValue(v any) (any, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var out any
	if err := dec.Decode(&out); err != nil {
		return nil, err
	}
	return out, nil
}

func decodeData(name string, b []byte) (any, error) {
	isYAML := false
	switch strings.ToLower(filepath.Ext(name)) {
	case ".yaml", ".yml":
		isYAML = true
	case ".json":
	default:
		return nil, fmt.Errorf("data file %s: use a .json, .yaml or .yml file", name)
	}
	if isYAML {
		var v any
		if err := yaml.Unmarshal(b, &v); err != nil {
			return nil, fmt.Errorf("data file %s: %v", name, err)
		}
		return fromYAML(name, v)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			line, col := lineCol(b, int(se.Offset))
			return nil, fmt.Errorf("%s:%d:%d: invalid JSON: %v", name, line, col, se)
		}
		return nil, fmt.Errorf("data file %s: invalid JSON: %v", name, err)
	}
	if dec.More() {
		line, col := lineCol(b, int(dec.InputOffset()))
		return nil, fmt.Errorf("%s:%d:%d: invalid JSON: more than one value", name, line, col)
	}
	return v, nil
}

// fromYAML turns what the YAML decoder gives into JSON values.
func fromYAML(name string, v any) (any, error) {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			n, err := fromYAML(name, e)
			if err != nil {
				return nil, err
			}
			x[k] = n
		}
		return x, nil
	case map[any]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			ks, ok := k.(string)
			if !ok {
				return nil, fmt.Errorf("data file %s: key %v is not a string", name, k)
			}
			n, err := fromYAML(name, e)
			if err != nil {
				return nil, err
			}
			out[ks] = n
		}
		return out, nil
	case []any:
		for i, e := range x {
			n, err := fromYAML(name, e)
			if err != nil {
				return nil, err
			}
			x[i] = n
		}
		return x, nil
	case time.Time:
		return x.Format(time.RFC3339Nano), nil
	}
	return v, nil
}

func lineCol(b []byte, off int) (int, int) {
	off = min(max(off, 0), len(b))
	line := 1 + bytes.Count(b[:off], []byte("\n"))
	start := bytes.LastIndexByte(b[:off], '\n') + 1
	return line, len([]rune(string(b[start:off]))) + 1
}

func jsonKind(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case []any:
		return "a list"
	case string:
		return "a string"
	case bool:
		return "a boolean"
	}
	return "a number"
}

// merge adds src into dst; two files that set the same leaf conflict.
// owner records which file first set each path, for the message.
func merge(dst, src map[string]any, at, file string, owner map[string]string) error {
	keys := make([]string, 0, len(src))
	for k := range src {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		v, p := src[k], at+"."+k
		old, ok := dst[k]
		if !ok {
			dst[k] = v
			owner[p] = file
			continue
		}
		om, ok1 := old.(map[string]any)
		nm, ok2 := v.(map[string]any)
		if !ok1 || !ok2 {
			return fmt.Errorf("data file %s sets %s, which %s sets too; data files may only add keys", file, p, ownerOf(owner, p))
		}
		if err := merge(om, nm, p, file, owner); err != nil {
			return err
		}
	}
	return nil
}

func ownerOf(owner map[string]string, p string) string {
	for q := p; ; {
		if f := owner[q]; f != "" {
			return f
		}
		i := strings.LastIndexByte(q, '.')
		if i < 0 {
			return "another data file"
		}
		q = q[:i]
	}
}
