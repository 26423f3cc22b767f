package input

import (
	"bytes"
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/typeexpr"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	hcljson "github.com/hashicorp/hcl/v2/json"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"

	"github.com/cognitolint/cognitolint/finding"
	"github.com/cognitolint/cognitolint/model"
)

// Terraform evaluates the variables of Terraform configurations as
// Terraform does: a variable's default, then terraform.tfvars,
// terraform.tfvars.json, *.auto.tfvars and *.auto.tfvars.json beside the
// configuration (in lexical order), then the --var-file files in the order
// given; later wins (Terraform's documentation, "Variable Definition
// Precedence"; research/formats.md §5). Environment variables (TF_VAR_*)
// are not read: the result must not depend on the machine. A module
// directory's .tf and .tf.json files are evaluated together, as Terraform
// does.
//
// A Terraform is safe for concurrent use; it caches each directory's
// module.
type Terraform struct {
	varFiles []tfVarsFile
	// ReadFile and ReadDir read the other files of a configuration's
	// directory (ReadDir returns the names in it). When ReadDir is nil, a
	// file is evaluated on its own (with the --var-file values).
	ReadFile func(name string) ([]byte, error)
	ReadDir  func(dir string) ([]string, error)

	mu    sync.Mutex
	cache map[string]*tfCached
	// called holds, per directory scanned for module calls, the local
	// module directories the configurations under it call.
	called map[string]map[string]bool
}

// tfCached is a directory's module, with the files it was built from.
type tfCached struct {
	files    map[string][]byte
	mod      *tfModule
	findings []finding.Finding // of its .tfvars files, reported once
}

// NewTerraform reads and checks the --var-file files (.tfvars in HCL, or
// .tfvars.json). An error says which file and where.
func NewTerraform(varFiles []string, readFile func(string) ([]byte, error), readDir func(string) ([]string, error)) (*Terraform, error) {
	t := &Terraform{ReadFile: readFile, ReadDir: readDir}
	for _, name := range varFiles {
		if readFile == nil {
			return nil, fmt.Errorf("%s: no file reader", name)
		}
		src, err := readFile(name)
		if err != nil {
			return nil, fmt.Errorf("--var-file: %w", err)
		}
		vf, err := parseTFVars(name, src)
		if err != nil {
			return nil, varFileError(name, src, err)
		}
		t.varFiles = append(t.varFiles, vf)
	}
	return t, nil
}

// varFileError places a .tfvars syntax error at file:line:col.
func varFileError(name string, src []byte, err error) error {
	if se, ok := err.(*SyntaxError); ok {
		s := &finding.Source{Name: name, Text: src}
		line, col, _ := s.Position(se.Off, se.Off)
		return fmt.Errorf("%s:%d:%d: %s", name, line, col, se.Msg)
	}
	return fmt.Errorf("%s: %v", name, err)
}

// IsTFVars reports whether Terraform loads a file of that name as variable
// values of the configuration beside it (terraform.tfvars,
// terraform.tfvars.json, *.auto.tfvars, *.auto.tfvars.json): a directory
// walk reads it that way, not as a file of its own.
func IsTFVars(name string) bool {
	base := strings.ToLower(filepath.Base(name))
	return base == "terraform.tfvars" || base == "terraform.tfvars.json" ||
		strings.HasSuffix(base, ".auto.tfvars") || strings.HasSuffix(base, ".auto.tfvars.json")
}

// isTFOverride reports whether Terraform merges a file into the blocks of
// the module's other files (override.tf, *_override.tf, and their .tf.json
// forms) instead of declaring its own. Its client blocks are partial (one
// replaced argument), so they are not documents: linting one alone would
// report the arguments it leaves to the original as missing.
func isTFOverride(name string) bool {
	base := strings.ToLower(filepath.Base(name))
	base = strings.TrimSuffix(strings.TrimSuffix(base, ".json"), ".tf")
	return base == "override" || strings.HasSuffix(base, "_override")
}

// tfVarsFile is the values of one .tfvars file.
type tfVarsFile struct {
	name string
	vals map[string]cty.Value
}

// parseTFVars reads a .tfvars (HCL attributes) or .tfvars.json file.
// Values must be literals there, as Terraform requires.
func parseTFVars(name string, src []byte) (tfVarsFile, error) {
	if err := checkNumbers(src); err != nil {
		return tfVarsFile{}, err
	}
	budget := hclValueBudget(src, 0, len(src))
	if strings.HasSuffix(strings.ToLower(name), ".json") {
		budget = hclJSONBudget(src)
	}
	if budget != nil {
		return tfVarsFile{}, budget
	}
	var file *hcl.File
	var diags hcl.Diagnostics
	if strings.HasSuffix(strings.ToLower(name), ".json") {
		file, diags = hcljson.Parse(src, name)
	} else {
		file, diags = hclsyntax.ParseConfig(src, name, hcl.InitialPos)
	}
	if diags.HasErrors() {
		return tfVarsFile{}, hclSyntaxError(diags)
	}
	attrs, diags := file.Body.JustAttributes()
	if diags.HasErrors() {
		return tfVarsFile{}, hclSyntaxError(diags)
	}
	vf := tfVarsFile{name: name, vals: map[string]cty.Value{}}
	for n, a := range attrs {
		v, diags := a.Expr.Value(nil)
		if diags.HasErrors() {
			return tfVarsFile{}, &SyntaxError{Off: a.Expr.Range().Start.Byte,
				Msg: fmt.Sprintf("the value of %s is not a literal: a .tfvars file takes only literal values", n)}
		}
		vf.vals[n] = v
	}
	return vf, nil
}

// tfTop is one top-level block of a configuration file.
type tfTop struct {
	typ    string
	labels []string
	body   hcl.Body
	file   *tfFile
	// defRange is the block's header (a JSON block's label).
	defRange hcl.Range
}

// tfFile is a configuration file's blocks that matter here: variables,
// locals, app clients and their pools, identity providers and resource
// servers.
type tfFile struct {
	name string
	src  []byte
	tops []tfTop
}

func tfFileOf(source *finding.Source, blocks hclsyntax.Blocks) *tfFile {
	f := &tfFile{name: source.Name, src: source.Text}
	for _, b := range blocks {
		f.tops = append(f.tops, tfTop{typ: b.Type, labels: b.Labels, body: b.Body, file: f, defRange: b.DefRange()})
	}
	return f
}

// tfReadTypes are the resource types read: app clients and what gives
// them context.
var tfReadTypes = map[string]bool{
	"aws_cognito_user_pool_client":         true,
	"aws_cognito_managed_user_pool_client": true,
	"aws_cognito_user_pool":                true,
	"aws_cognito_identity_provider":        true,
	"aws_cognito_resource_server":          true,
}

func tfWanted(typ string, labels []string) bool {
	switch typ {
	case "variable", "locals":
		return true
	case "resource":
		return len(labels) == 2 && tfReadTypes[labels[0]]
	}
	return false
}

// tfTopBlocks returns the top-level blocks of a .tf file that matter here
// (see tfWanted). A file laid out as terraform fmt writes it — its top
// level only blocks that open at the start of a line and close with "}"
// alone at the start of a line, blank lines and line comments — is read by
// parsing just those blocks, so that a long configuration costs about as
// much as its clients; anything else at the top level (a syntax error, a
// binary file, another layout) makes it parse the whole file, which reports
// a syntax error at file:line:col. A syntax error inside a block that does
// not matter here is then left to terraform validate.
func tfTopBlocks(src []byte, name string) (hclsyntax.Blocks, error) {
	if err := checkNumbers(src); err != nil {
		return nil, err
	}
	blocks, ok, err := tfTopBlocksFast(src, name)
	if err != nil || ok {
		return blocks, err
	}
	if err := hclValueBudget(src, 0, len(src)); err != nil {
		return nil, err
	}
	file, diags := hclsyntax.ParseConfig(src, name, hcl.InitialPos)
	if diags.HasErrors() {
		return nil, hclSyntaxError(diags)
	}
	var out hclsyntax.Blocks
	if body, ok := file.Body.(*hclsyntax.Body); ok {
		for _, b := range body.Blocks {
			if tfWanted(b.Type, b.Labels) {
				out = append(out, b)
			}
		}
	}
	return out, nil
}

func tfTopBlocksFast(src []byte, name string) (blocks hclsyntax.Blocks, ok bool, err error) {
	if bytes.IndexByte(src, 0) >= 0 || !utf8.Valid(src) {
		return nil, false, nil
	}
	// Lines are counted from the last block read (a file of thousands of
	// blocks is one pass), and the wanted blocks' text against the budget.
	counted, lines, estimate, clients := 0, 0, 0, 0
	for off := 0; off < len(src); {
		start, end := lineBounds(src, off)
		next := end + 1
		line := src[start:end]
		trimmed := bytes.TrimSpace(line)
		switch {
		case len(trimmed) == 0 || trimmed[0] == '#' || bytes.HasPrefix(trimmed, []byte("//")):
		default:
			typ, labels, open, ok := tfHead(line)
			if !ok {
				return nil, false, nil
			}
			close := end
			if open {
				close = closingBrace(src, end)
				if close < 0 {
					return nil, false, nil
				}
			}
			client := typ == "resource" && len(labels) == 2 && tfClientTypes[labels[0]]
			if client {
				clients++
			}
			if tfWanted(typ, labels) && (!client || clients <= MaxDocuments+1) { // past it, limitDocuments drops them
				if at, over := pastValueEstimate(src, start, close, maxHCLValues-estimate, false); over {
					return nil, false, hclBudgetError(at, maxHCLValues)
				}
				if err := hclDepth(src, start, close); err != nil {
					return nil, false, err
				}
				estimate += bytes.Count(src[start:close], []byte{'\n'}) + bytes.Count(src[start:close], []byte{','})
				lines += bytes.Count(src[counted:start], []byte{'\n'})
				counted = start
				pos := hcl.Pos{Line: lines + 1, Column: 1, Byte: start}
				file, diags := hclsyntax.ParseConfig(src[start:close], name, pos)
				body, isBody := file.Body.(*hclsyntax.Body)
				if diags.HasErrors() || !isBody || len(body.Blocks) != 1 || len(body.Attributes) != 0 {
					return nil, false, nil
				}
				blocks = append(blocks, body.Blocks[0])
			}
			next = close + 1
		}
		off = next
	}
	return blocks, true, nil
}

// maxHCLValues bounds the values of the Terraform a reader parses, counted
// as line ends and commas (pastValueEstimate): the HCL library's tokens
// and syntax tree take about 1 KiB a value, so 500,000 callback URLs took
// 600 MiB, 130,000 of them 200 MiB (a variable for tests). Terraform's
// JSON syntax (.tf.json, CDKTF's cdk.tf.json), whole files written a value
// a line, has twice the bound.
var maxHCLValues = 1 << 17

// hclValueBudget checks src[from:to] against maxHCLValues and maxDepth:
// what every parse of HCL checks first.
func hclValueBudget(src []byte, from, to int) error {
	if at, over := pastValueEstimate(src, from, to, maxHCLValues, false); over {
		return hclBudgetError(at, maxHCLValues)
	}
	return hclDepth(src, from, to)
}

// hclJSONBudget is hclValueBudget for HCL's JSON syntax.
func hclJSONBudget(src []byte) error {
	if at, over := pastValueEstimate(src, 0, len(src), 2*maxHCLValues, false); over {
		return hclBudgetError(at, 2*maxHCLValues)
	}
	return hclDepth(src, 0, len(src))
}

// hclDepth returns a syntax error at the first bracket of src[from:to]
// nested more than maxDepth deep (outside quoted strings and comments), as
// the JSON and YAML readers refuse: the HCL library parses nesting by
// recursion, and 2,000 nested lists in 4 KB took 80 MiB of stack.
func hclDepth(src []byte, from, to int) error {
	depth := 0
	for i := from; i < to; i++ {
		switch c := src[i]; c {
		case '[', '{', '(':
			if depth++; depth > maxDepth {
				return &SyntaxError{Off: i, Msg: fmt.Sprintf("values nested more than %d deep", maxDepth)}
			}
		case ']', '}', ')':
			depth = max(depth-1, 0)
		case '"':
			for i++; i < to && src[i] != '"' && src[i] != '\n'; i++ {
				if src[i] == '\\' {
					i++
				}
			}
		case '#':
			for i < to && src[i] != '\n' {
				i++
			}
		case '/':
			if i+1 < to && src[i+1] == '/' {
				for i < to && src[i] != '\n' {
					i++
				}
			}
		}
	}
	return nil
}

func hclBudgetError(at, limit int) error {
	return &SyntaxError{Off: at, Msg: fmt.Sprintf("the file has more than %d lines and list items where app clients are read, far more values than an app client configuration holds", limit)}
}

// tfHead reads the first line of a top-level block as terraform fmt
// writes it: a type at the start of the line, labels (quoted, without
// escapes, or bare names), and "{" (open) or "{}" at the end. ok is false
// for any other line.
func tfHead(line []byte) (typ string, labels []string, open, ok bool) {
	s := strings.TrimRight(string(line), " \t\r")
	switch {
	case strings.HasSuffix(s, "{"):
		s, open = s[:len(s)-1], true
	case strings.HasSuffix(s, "}"):
		s = strings.TrimRight(s[:len(s)-1], " \t")
		if !strings.HasSuffix(s, "{") {
			return "", nil, false, false
		}
		s = s[:len(s)-1]
	default:
		return "", nil, false, false
	}
	if s == "" || !isIdentStart(s[0]) {
		return "", nil, false, false
	}
	var parts []string
	for s != "" {
		if s[0] == '"' {
			end := strings.IndexByte(s[1:], '"') + 1
			if end < 1 || strings.ContainsAny(s[1:end], "\\$%") {
				return "", nil, false, false
			}
			parts = append(parts, s[1:end])
			s = s[end+1:]
		} else {
			end := 0
			for end < len(s) && (isIdentStart(s[end]) || s[end] == '-' || s[end] >= '0' && s[end] <= '9') {
				end++
			}
			if end == 0 {
				return "", nil, false, false
			}
			parts = append(parts, s[:end])
			s = s[end:]
		}
		rest := strings.TrimLeft(s, " \t")
		if rest != "" && len(rest) == len(s) {
			return "", nil, false, false // labels are separated by space
		}
		s = rest
	}
	return parts[0], parts[1:], open, true
}

func isIdentStart(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// closingBrace returns the offset just after the first line from off that
// is "}" alone, or -1.
func closingBrace(src []byte, off int) int {
	for {
		i := bytes.Index(src[off:], []byte("\n}"))
		if i < 0 {
			return -1
		}
		start := off + i + 1
		_, end := lineBounds(src, start)
		if len(bytes.TrimRight(src[start+1:end], " \t\r")) == 0 {
			return end
		}
		off = start
	}
}

// tfJSONFile reads the blocks that matter of a .tf.json file (Terraform's
// JSON syntax: block types, then labels, as nested objects; HCL's JSON
// parser reads it and ignores "//" comment keys in bodies).
func tfJSONFile(name string, src []byte) (*tfFile, error) {
	if err := checkNumbers(src); err != nil {
		return nil, err
	}
	if err := hclJSONBudget(src); err != nil {
		return nil, err
	}
	file, diags := hcljson.Parse(src, name)
	if diags.HasErrors() {
		return nil, hclSyntaxError(diags)
	}
	content, _, diags := file.Body.PartialContent(&hcl.BodySchema{Blocks: []hcl.BlockHeaderSchema{
		{Type: "resource", LabelNames: []string{"type", "name"}},
		{Type: "variable", LabelNames: []string{"name"}},
		{Type: "locals"},
	}})
	if diags.HasErrors() {
		return nil, hclSyntaxError(diags)
	}
	f := &tfFile{name: name, src: src}
	for _, b := range content.Blocks {
		if tfWanted(b.Type, b.Labels) {
			f.tops = append(f.tops, tfTop{typ: b.Type, labels: b.Labels, body: b.Body, file: f, defRange: b.DefRange})
		}
	}
	return f, nil
}

// tfModule is a module directory's evaluation context and what it declares
// about its user pools.
type tfModule struct {
	ctx *hcl.EvalContext
	// secrets are the values of sensitive variables: no output shows them.
	secrets []string
	// declared is the context of each pool declared in the module, by
	// address ("aws_cognito_user_pool.main").
	declared map[string]*finding.Declared
}

// module returns the module of the file source (whose blocks are self):
// the directory's other configuration files and .tfvars files are read
// when t can read them. The findings are problems of .tfvars files read
// beside it (each reported once).
func (t *Terraform) module(source *finding.Source, self *tfFile) (*tfModule, []finding.Finding) {
	if t == nil || t.ReadDir == nil || t.ReadFile == nil || source.Name == "-" || source.Name == "" {
		var vfs []tfVarsFile
		if t != nil {
			vfs = t.varFiles
		}
		return buildModule([]*tfFile{self}, vfs, false), nil
	}
	dir := filepath.Dir(source.Name)
	t.mu.Lock()
	c := t.cache[dir]
	if c != nil {
		if b, ok := c.files[source.Name]; ok && bytes.Equal(b, source.Text) {
			fs := c.findings
			c.findings = nil
			t.mu.Unlock()
			return c.mod, fs
		}
	}
	t.mu.Unlock()

	names, err := t.ReadDir(dir)
	if err != nil {
		return buildModule([]*tfFile{self}, t.varFiles, false), nil
	}
	sort.Strings(names)
	c = &tfCached{files: map[string][]byte{source.Name: source.Text}}
	files := []*tfFile{self}
	var tfvars, auto []string
	for _, n := range names {
		lower := strings.ToLower(n)
		path := filepath.Join(dir, n)
		switch {
		case strings.HasPrefix(n, "."):
		case lower == "terraform.tfvars" || lower == "terraform.tfvars.json":
			tfvars = append(tfvars, path)
		case IsTFVars(n):
			auto = append(auto, path)
		case filepath.Clean(path) == filepath.Clean(source.Name):
		case strings.HasSuffix(lower, ".tf") || strings.HasSuffix(lower, ".tf.json"):
			src, err := t.ReadFile(path)
			if err != nil {
				continue
			}
			c.files[path] = src
			f, err := tfConfigFile(path, src)
			if err != nil {
				continue // its own lint reports it
			}
			files = append(files, f)
		}
	}
	// terraform.tfvars before terraform.tfvars.json, then *.auto.tfvars*.
	slices.SortFunc(tfvars, func(a, b string) int { return len(a) - len(b) })
	var vfs []tfVarsFile
	for _, path := range append(tfvars, auto...) {
		src, err := t.ReadFile(path)
		if err != nil {
			continue
		}
		vf, err := parseTFVars(path, src)
		if err != nil {
			r := syntaxResult(&finding.Source{Name: path, Text: src}, err)
			c.findings = append(c.findings, r.Findings...)
			continue
		}
		vfs = append(vfs, vf)
	}
	vfs = append(vfs, t.varFiles...)
	if t.calledAsModule(dir) {
		// A child module's variables are the arguments of its module
		// block, which stay unknown; .tfvars and --var-file values and
		// the defaults are for the root module Terraform runs in.
		c.mod = buildModule(files, nil, true)
	} else {
		c.mod = buildModule(files, vfs, false)
	}
	fs := c.findings
	c.findings = nil
	t.mu.Lock()
	if t.cache == nil || len(t.cache) >= 64 {
		t.cache = map[string]*tfCached{} // a walk visits a directory's files together
	}
	t.cache[dir] = c
	t.mu.Unlock()
	return c.mod, fs
}

// tfConfigFile reads the blocks that matter of a .tf or .tf.json file.
func tfConfigFile(name string, src []byte) (*tfFile, error) {
	if strings.HasSuffix(strings.ToLower(name), ".json") {
		return tfJSONFile(name, src)
	}
	blocks, err := tfTopBlocks(src, name)
	if err != nil {
		return nil, err
	}
	return tfFileOf(&finding.Source{Name: name, Text: src}, blocks), nil
}

// tfVariable is a declared input variable.
type tfVariable struct {
	val       cty.Value
	ty        cty.Type
	defaults  *typeexpr.Defaults
	sensitive bool
}

// buildModule evaluates a module's variables and locals and resolves what
// it declares about its pools. The variables of a child module (one that
// another configuration calls) are unknown: their values are the module
// block's arguments, not their defaults.
func buildModule(files []*tfFile, vfs []tfVarsFile, child bool) *tfModule {
	vars := map[string]*tfVariable{}
	locals := map[string]hcl.Expression{}
	for _, f := range files {
		for _, t := range f.tops {
			switch {
			case t.typ == "variable" && len(t.labels) == 1:
				vars[t.labels[0]] = readVariable(t.body)
			case t.typ == "locals":
				attrs, _ := t.body.JustAttributes()
				for n, a := range attrs {
					locals[n] = a.Expr
				}
			}
		}
	}
	for _, vf := range vfs {
		for n, v := range vf.vals {
			if d := vars[n]; d != nil {
				d.val = v
			}
		}
	}
	m := &tfModule{ctx: &hcl.EvalContext{Variables: map[string]cty.Value{}, Functions: tfFunctions()}}
	varVals := map[string]cty.Value{}
	for n, d := range vars {
		v := d.val
		if v.IsKnown() && !v.IsNull() {
			if d.defaults != nil {
				v = safeApply(d.defaults, v)
			}
			if d.ty != cty.NilType {
				if c, err := convert.Convert(v, d.ty); err == nil {
					v = c
				}
			}
		}
		if d.sensitive {
			ctyStrings(v, &m.secrets)
		}
		if child {
			v = cty.DynamicVal
		}
		varVals[n] = v
	}
	m.ctx.Variables["var"] = cty.ObjectVal(varVals)
	m.evalLocals(locals)
	m.resolvePools(files)
	return m
}

// safeApply applies optional attributes' defaults, which panics on values
// of the wrong shape.
func safeApply(d *typeexpr.Defaults, v cty.Value) (out cty.Value) {
	defer func() {
		if recover() != nil {
			out = v
		}
	}()
	return d.Apply(v)
}

func readVariable(body hcl.Body) *tfVariable {
	d := &tfVariable{val: cty.DynamicVal}
	content, _, _ := body.PartialContent(&hcl.BodySchema{Attributes: []hcl.AttributeSchema{
		{Name: "default"}, {Name: "type"}, {Name: "sensitive"},
	}})
	if content == nil {
		return d
	}
	if a, ok := content.Attributes["default"]; ok {
		if v, diags := a.Expr.Value(nil); !diags.HasErrors() {
			d.val = v
		}
	}
	if a, ok := content.Attributes["type"]; ok {
		if ty, defs, diags := typeexpr.TypeConstraintWithDefaults(a.Expr); !diags.HasErrors() {
			d.ty, d.defaults = ty, defs
		}
	}
	if a, ok := content.Attributes["sensitive"]; ok {
		if v, diags := a.Expr.Value(nil); !diags.HasErrors() && v.Type() == cty.Bool && v.IsKnown() && !v.IsNull() {
			d.sensitive = v.True()
		}
	}
	return d
}

// evalLocals evaluates the locals in dependency order; a local that
// depends on itself or on what is unknown is unknown.
func (m *tfModule) evalLocals(exprs map[string]hcl.Expression) {
	done := map[string]cty.Value{}
	m.ctx.Variables["local"] = cty.EmptyObjectVal
	for progress := true; progress && len(done) < len(exprs); {
		progress = false
		for n, e := range exprs {
			if _, ok := done[n]; ok {
				continue
			}
			ready := true
			for _, tr := range e.Variables() {
				if tr.RootName() != "local" || len(tr) < 2 {
					continue
				}
				if a, ok := tr[1].(hcl.TraverseAttr); ok {
					if _, declared := exprs[a.Name]; declared {
						if _, ok := done[a.Name]; !ok {
							ready = false
						}
					}
				}
			}
			if !ready {
				continue
			}
			v, _ := m.eval(e)
			done[n] = v
			m.ctx.Variables["local"] = cty.ObjectVal(done)
			progress = true
		}
	}
	for n := range exprs {
		if _, ok := done[n]; !ok {
			done[n] = cty.DynamicVal
		}
	}
	if len(done) > 0 {
		m.ctx.Variables["local"] = cty.ObjectVal(done)
	}
}

// eval evaluates an expression in the module: every name it references
// that the module does not define (resources, data, module, count, each,
// path, self) is an unknown value. ok is false when the expression cannot
// be evaluated (an unknown function, a type error): its value is unknown.
func (m *tfModule) eval(e hcl.Expression) (v cty.Value, ok bool) {
	defer func() {
		if recover() != nil {
			v, ok = cty.DynamicVal, false
		}
	}()
	ctx := &hcl.EvalContext{Functions: tfFunctions()}
	if m != nil {
		ctx = m.ctx
	}
	var extra map[string]cty.Value
	for _, tr := range e.Variables() {
		root := tr.RootName()
		if _, defined := ctx.Variables[root]; !defined {
			if extra == nil {
				extra = map[string]cty.Value{}
			}
			extra[root] = cty.DynamicVal
		}
	}
	if extra != nil {
		ctx = ctx.NewChild()
		ctx.Variables = extra
	}
	if forDepth(e) > 1 {
		// A for inside a for: a few bytes that iterate a million times
		// (and more, a level deeper). No app client needs one.
		return cty.DynamicVal, false
	}
	v, diags := e.Value(ctx)
	if diags.HasErrors() {
		return cty.DynamicVal, false
	}
	// A value far larger than its text grew through locals or templates
	// ("${local.s}" a hundred times, local by local): unknown.
	r := e.Range()
	if limit := max(maxValueSize, 4*(r.End.Byte-r.Start.Byte)); valueSize(v, limit) > limit {
		return cty.DynamicVal, false
	}
	return v, true
}

// forDepth is how deep for expressions nest in e.
func forDepth(e hcl.Expression) int {
	se, ok := e.(hclsyntax.Expression)
	if !ok {
		return 0
	}
	w := &forWalker{}
	hclsyntax.Walk(se, w)
	return w.max
}

type forWalker struct{ depth, max int }

func (w *forWalker) Enter(n hclsyntax.Node) hcl.Diagnostics {
	if _, ok := n.(*hclsyntax.ForExpr); ok {
		w.depth++
		w.max = max(w.max, w.depth)
	}
	return nil
}

func (w *forWalker) Exit(n hclsyntax.Node) hcl.Diagnostics {
	if _, ok := n.(*hclsyntax.ForExpr); ok {
		w.depth--
	}
	return nil
}

// tfPoolRefRe is a reference to a pool's ID, in HCL or in Terraform JSON's
// "${…}" form.
var tfPoolRefRe = regexp.MustCompile(`^"?(?:\$\{)?\s*(aws_cognito_user_pool\.[A-Za-z_][A-Za-z0-9_-]*)\.id\s*(?:\})?"?$`)

// poolRef returns the address of the pool whose ID e is, or "".
func poolRef(src []byte, e hcl.Expression) string {
	r := e.Range()
	if r.Start.Byte < 0 || r.End.Byte > len(src) || r.Start.Byte > r.End.Byte {
		return ""
	}
	m := tfPoolRefRe.FindSubmatch(bytes.TrimSpace(src[r.Start.Byte:r.End.Byte]))
	if m == nil {
		return ""
	}
	return string(m[1])
}

// declaredFor returns what the module declares about the pool that
// user_pool_id (written in src) references, or nil.
func (m *tfModule) declaredFor(src []byte, userPoolID hcl.Expression) *finding.Declared {
	if m == nil {
		return nil
	}
	return m.declared[poolRef(src, userPoolID)]
}

// resolvePools reads the module's pools (their schema and tier), identity
// providers and resource servers. A part that does not resolve (a dynamic
// block, an unknown name, a resource with count or for_each, one whose
// pool cannot be told) is nil: the rules then do not use it.
func (m *tfModule) resolvePools(files []*tfFile) {
	m.declared = map[string]*finding.Declared{}
	var idps, servers []tfTop
	for _, f := range files {
		for _, t := range f.tops {
			if t.typ != "resource" || len(t.labels) != 2 {
				continue
			}
			switch t.labels[0] {
			case "aws_cognito_user_pool":
				if repeated(t.body) {
					continue
				}
				m.declared["aws_cognito_user_pool."+t.labels[1]] = &finding.Declared{
					Pool:              m.pool(t.body),
					IdentityProviders: []string{},
					ResourceServers:   []finding.DeclaredResourceServer{},
				}
			case "aws_cognito_identity_provider":
				idps = append(idps, t)
			case "aws_cognito_resource_server":
				servers = append(servers, t)
			}
		}
	}
	if len(m.declared) == 0 {
		return
	}
	// poison makes a part unknown: for the pool addr, or for every pool
	// when which pool is not known.
	poison := func(addr string, idp bool) {
		for a, d := range m.declared {
			if addr == "" || a == addr {
				if idp {
					d.IdentityProviders = nil
				} else {
					d.ResourceServers = nil
				}
			}
		}
	}
	for _, t := range idps {
		content, _, _ := t.body.PartialContent(&hcl.BodySchema{Attributes: []hcl.AttributeSchema{{Name: "user_pool_id"}, {Name: "provider_name"}}})
		addr := ""
		if a, ok := content.Attributes["user_pool_id"]; ok {
			addr = poolRef(t.file.src, a.Expr)
		}
		d := m.declared[addr]
		if addr == "" || repeated(t.body) {
			poison(addr, true)
			continue
		}
		if d == nil {
			continue // another pool's
		}
		name, ok := m.knownString(content.Attributes["provider_name"])
		if !ok {
			poison(addr, true)
			continue
		}
		if d.IdentityProviders != nil {
			d.IdentityProviders = append(d.IdentityProviders, name)
		}
	}
	for _, t := range servers {
		content, _, _ := t.body.PartialContent(&hcl.BodySchema{
			Attributes: []hcl.AttributeSchema{{Name: "user_pool_id"}, {Name: "identifier"}},
			Blocks:     []hcl.BlockHeaderSchema{{Type: "scope"}, {Type: "dynamic", LabelNames: []string{"name"}}},
		})
		addr := ""
		if a, ok := content.Attributes["user_pool_id"]; ok {
			addr = poolRef(t.file.src, a.Expr)
		}
		d := m.declared[addr]
		if addr == "" || repeated(t.body) {
			poison(addr, false)
			continue
		}
		if d == nil {
			continue
		}
		id, ok := m.knownString(content.Attributes["identifier"])
		rs := finding.DeclaredResourceServer{Identifier: id, Scopes: []string{}}
		for _, b := range content.Blocks {
			if b.Type == "dynamic" {
				ok = false
				break
			}
			sc, _, _ := b.Body.PartialContent(&hcl.BodySchema{Attributes: []hcl.AttributeSchema{{Name: "scope_name"}}})
			name, known := m.knownString(sc.Attributes["scope_name"])
			if !known {
				ok = false
				break
			}
			rs.Scopes = append(rs.Scopes, name)
		}
		if !ok {
			poison(addr, false)
			continue
		}
		if d.ResourceServers != nil {
			d.ResourceServers = append(d.ResourceServers, rs)
		}
	}
}

// repeated reports whether a resource has count or for_each: its address
// then has an index, and what it declares is not one value.
func repeated(body hcl.Body) bool {
	content, _, _ := body.PartialContent(&hcl.BodySchema{Attributes: []hcl.AttributeSchema{{Name: "count"}, {Name: "for_each"}}})
	return content != nil && len(content.Attributes) > 0
}

func (m *tfModule) knownString(a *hcl.Attribute) (string, bool) {
	if a == nil {
		return "", false
	}
	v, ok := m.eval(a.Expr)
	if !ok || !v.IsWhollyKnown() || v.IsNull() {
		return "", false
	}
	v, err := convert.Convert(v, cty.String)
	if err != nil {
		return "", false
	}
	v, _ = v.Unmark()
	return v.AsString(), true
}

func (m *tfModule) knownBool(a *hcl.Attribute) (value, known bool) {
	if a == nil {
		return false, false
	}
	v, ok := m.eval(a.Expr)
	if !ok || !v.IsWhollyKnown() || v.IsNull() {
		return false, false
	}
	v, err := convert.Convert(v, cty.Bool)
	if err != nil {
		return false, false
	}
	v, _ = v.Unmark()
	return v.True(), true
}

// pool reads an aws_cognito_user_pool's schema blocks and tier
// (terraform-provider-aws internal/service/cognitoidp/user_pool.go:
// schema {name, attribute_data_type, developer_only_attribute, mutable,
// required}, user_pool_tier). A schema attribute whose name is not a
// standard attribute is a custom one, "custom:<name>" in the API
// ("dev:custom:<name>" when developer-only). nil when a schema block does
// not resolve.
func (m *tfModule) pool(body hcl.Body) *finding.DeclaredPool {
	content, _, _ := body.PartialContent(&hcl.BodySchema{
		Attributes: []hcl.AttributeSchema{{Name: "user_pool_tier"}},
		Blocks:     []hcl.BlockHeaderSchema{{Type: "schema"}, {Type: "dynamic", LabelNames: []string{"name"}}},
	})
	if content == nil {
		return nil
	}
	p := &finding.DeclaredPool{Attributes: []finding.DeclaredAttribute{}}
	if a, ok := content.Attributes["user_pool_tier"]; ok {
		p.Tier, _ = m.knownString(a)
	}
	for _, b := range content.Blocks {
		if b.Type == "dynamic" {
			if len(b.Labels) == 1 && b.Labels[0] == "schema" {
				return nil
			}
			continue
		}
		sc, _, _ := b.Body.PartialContent(&hcl.BodySchema{Attributes: []hcl.AttributeSchema{
			{Name: "name"}, {Name: "required"}, {Name: "mutable"}, {Name: "developer_only_attribute"},
		}})
		name, ok := m.knownString(sc.Attributes["name"])
		if !ok {
			return nil
		}
		if !slices.Contains(model.StandardAttributes, name) {
			name = "custom:" + name
			if dev, _ := m.knownBool(sc.Attributes["developer_only_attribute"]); dev {
				name = "dev:" + name
			}
		}
		attr := finding.DeclaredAttribute{Name: name}
		if _, given := sc.Attributes["required"]; given {
			req, known := m.knownBool(sc.Attributes["required"])
			if !known {
				return nil
			}
			attr.Required = req
		}
		if _, given := sc.Attributes["mutable"]; given {
			if mut, known := m.knownBool(sc.Attributes["mutable"]); known {
				attr.Mutable = &mut
			}
		}
		p.Attributes = append(p.Attributes, attr)
	}
	return p
}

// WithFiles returns a Terraform with t's --var-file values that reads a
// configuration's other files with readFile and readDir (an fs.FS, for
// Linter.LintFS), with a cache of its own.
func (t *Terraform) WithFiles(readFile func(string) ([]byte, error), readDir func(string) ([]string, error)) *Terraform {
	return &Terraform{varFiles: t.varFiles, ReadFile: readFile, ReadDir: readDir}
}

// checkNumbers returns a syntax error at the first number literal of a
// Terraform source whose exponent or digits run into the thousands
// (1e9999999): converting such a number to text (in a template, a message,
// tostring) takes cty minutes, and no setting of an app client needs it. A
// literal is a run of digits not preceded by a letter, digit, '_' or '.'
// (so "us-east-1_1e23456" is not one).
func checkNumbers(src []byte) error {
	for i := 0; i < len(src); i++ {
		if !isDigit(src[i]) || i > 0 && (isIdentStart(src[i-1]) || isDigit(src[i-1]) || src[i-1] == '.') {
			continue
		}
		start := i
		for i < len(src) && isDigit(src[i]) {
			i++
		}
		digits := i - start
		if i < len(src) && src[i] == '.' {
			for i++; i < len(src) && isDigit(src[i]); i++ {
			}
		}
		exp := 0
		if i < len(src) && (src[i] == 'e' || src[i] == 'E') {
			j := i + 1
			if j < len(src) && (src[j] == '+' || src[j] == '-') {
				j++
			}
			for ; j < len(src) && isDigit(src[j]); j++ {
				exp++
			}
			if exp > 0 {
				i = j
			}
		}
		if i < len(src) && (isIdentStart(src[i]) || isDigit(src[i])) {
			continue // part of a name
		}
		if digits >= 400 || exp >= 4 {
			lit := string(src[start:i])
			if len(lit) > 20 {
				lit = lit[:17] + "..."
			}
			return &SyntaxError{Off: start, Msg: fmt.Sprintf("the number %s is too large to evaluate: write a value in the member's range", lit)}
		}
	}
	return nil
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// Where calledAsModule looks for the module blocks that call a directory:
// the configurations under the directory two levels up, down to five
// levels below it. That covers Terraform's standard module structure (a
// root module calling ./modules/x, "Standard Module Structure" in
// Terraform's documentation) and environment directories calling
// ../../modules/x, or ../../../../modules/x from a deeper one. At most
// tfCallScanDirs directories are read.
const (
	tfCallScanUp    = 2
	tfCallScanDepth = 5
	tfCallScanDirs  = 256
)

// calledAsModule reports whether a configuration near dir calls it as a
// local module (module "x" { source = "./…" or "../…" }). Terraform never
// runs such a directory by itself: it evaluates it with the arguments of
// the call, so the defaults of its variables do not decide anything (a
// caller's callback_urls replaces the default []).
func (t *Terraform) calledAsModule(dir string) bool {
	top := filepath.Clean(dir)
	for i := 0; i < tfCallScanUp; i++ {
		up := filepath.Dir(top)
		if up == top || top == "." || filepath.Base(top) == ".." {
			break // not above the file system's root or the working directory
		}
		top = up
	}
	t.mu.Lock()
	called, ok := t.called[top]
	t.mu.Unlock()
	if !ok {
		called = t.scanModuleCalls(top)
		t.mu.Lock()
		if t.called == nil || len(t.called) >= 64 {
			t.called = map[string]map[string]bool{}
		}
		t.called[top] = called
		t.mu.Unlock()
	}
	return called[filepath.Clean(dir)]
}

// scanModuleCalls returns the local module directories that the .tf and
// .tf.json files under top call.
func (t *Terraform) scanModuleCalls(top string) map[string]bool {
	called := map[string]bool{}
	level, scanned := []string{top}, 0
	for depth := 0; depth <= tfCallScanDepth && len(level) > 0; depth++ {
		var next []string
		for _, d := range level {
			if scanned++; scanned > tfCallScanDirs {
				return called
			}
			names, err := t.ReadDir(d)
			if err != nil {
				continue
			}
			for _, n := range names {
				lower := strings.ToLower(n)
				path := filepath.Join(d, n)
				switch {
				case strings.HasPrefix(n, ".") || n == "node_modules":
				case strings.HasSuffix(lower, ".tf") || strings.HasSuffix(lower, ".tf.json"):
					if src, err := t.ReadFile(path); err == nil {
						for _, s := range moduleSources(path, src) {
							called[filepath.Clean(filepath.Join(d, s))] = true
						}
					}
				case !strings.Contains(n, "."):
					next = append(next, path) // perhaps a directory
				}
			}
		}
		level = next
	}
	return called
}

// moduleSources returns the local sources ("./…", "../…") of the module
// blocks of a .tf or .tf.json file (Terraform's "Module Sources": only
// these name a directory of the same repository).
func moduleSources(name string, src []byte) []string {
	json := strings.HasSuffix(strings.ToLower(name), ".json")
	if !bytes.Contains(src, []byte("module")) || !json && hclValueBudget(src, 0, len(src)) != nil || json && hclJSONBudget(src) != nil {
		return nil // no module block (a scan reads every file of the tree), or too large to parse
	}
	var file *hcl.File
	if strings.HasSuffix(strings.ToLower(name), ".json") {
		file, _ = hcljson.Parse(src, name)
	} else {
		file, _ = hclsyntax.ParseConfig(src, name, hcl.InitialPos)
	}
	if file == nil || file.Body == nil {
		return nil
	}
	content, _, _ := file.Body.PartialContent(&hcl.BodySchema{Blocks: []hcl.BlockHeaderSchema{
		{Type: "module", LabelNames: []string{"name"}},
	}})
	if content == nil {
		return nil
	}
	var out []string
	for _, b := range content.Blocks {
		mc, _, _ := b.Body.PartialContent(&hcl.BodySchema{Attributes: []hcl.AttributeSchema{{Name: "source"}}})
		if mc == nil {
			continue
		}
		a, ok := mc.Attributes["source"]
		if !ok {
			continue
		}
		v, diags := a.Expr.Value(nil)
		if diags.HasErrors() || !v.IsKnown() || v.IsNull() || v.Type() != cty.String {
			continue
		}
		if s := v.AsString(); strings.HasPrefix(s, "./") || strings.HasPrefix(s, "../") {
			out = append(out, s)
		}
	}
	return out
}
