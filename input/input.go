// Package input reads files into documents: app client configurations in
// the API's shape with the position of every value. One reader per format;
// everything after reading is shared.
package input

import (
	"bytes"
	"cmp"
	"fmt"
	"io"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/cognitolint/cognitolint/finding"
	"github.com/cognitolint/cognitolint/model"
)

// Options tune reading.
type Options struct {
	// Operation forces the operation of API payloads: model.OpUpdate,
	// OpCreate, OpDescribe; "" or "auto" detects it.
	Operation string
	// Terraform evaluates Terraform configurations' variables (--var-file,
	// .tfvars beside them); nil evaluates each file with its variables'
	// defaults only.
	Terraform *Terraform
}

// Result is what reading one file gives.
type Result struct {
	Source *finding.Source
	Docs   []*finding.Document
	// Findings are problems of the file itself: syntax, unknown-document.
	Findings []finding.Finding
	// Unrecognized is true when the file parsed but is none of the shapes
	// cognitolint reads (Findings then holds one unknown-document finding).
	Unrecognized bool
	// Unrelated is true when the file does not parse (Findings holds its
	// syntax finding) and mentions no app client (see the function
	// Unrelated): a directory walk skips it.
	Unrelated bool
}

// Shapes names the shapes cognitolint reads, for messages.
const Shapes = "an UpdateUserPoolClient or CreateUserPoolClient request, a DescribeUserPoolClient output ({\"UserPoolClient\": {…}}), " +
	"a CloudFormation/SAM/CDK template (YAML or JSON) with AWS::Cognito::UserPoolClient resources, " +
	"a Serverless Framework service file with resources, " +
	"a Kubernetes UserPoolClient of AWS Controllers for Kubernetes or Crossplane, a Pulumi YAML program, " +
	"a Terraform plan (terraform show -json) or a Terraform configuration (.tf)"

// Extensions are the file name extensions a directory walk reads.
var Extensions = []string{".json", ".yaml", ".yml", ".template", ".tf", ".tf.json"}

// Read reads one file. name is how findings name the file; its extension
// chooses HCL (.tf), otherwise the content does: JSON when it starts with
// '{' or '[', else YAML. The parsed value is then recognised by its shape:
// a Terraform plan, a CloudFormation template, an API payload.
//
// Values under keys that look like "client secret" are found in the raw
// text first (scanSecrets), whatever the format and whether or not the
// file parses: no line, message or document of the result shows them.
func Read(name string, src []byte, opts Options) Result {
	source := &finding.Source{Name: name, Text: src}
	scanSecrets(source)
	return limitDocuments(finishRead(source, read(name, source, opts)))
}

// MaxDocuments is how many app clients of one file are linted: twice what
// a CloudFormation template can hold (500 resources). Each costs its
// checks, its policy evaluation and its findings: a template of 20,000
// clients in 3.5 MB took 250 MiB.
const MaxDocuments = 1000

// limitDocuments keeps the first MaxDocuments documents of res and says,
// with a file-too-large finding at the first one left out, that the rest
// were not linted. (A reader may stop building documents past the first
// one left out.)
func limitDocuments(res Result) Result {
	if len(res.Docs) <= MaxDocuments {
		return res
	}
	first := res.Docs[MaxDocuments]
	f := finding.Finding{Rule: "file-too-large", Severity: finding.Error, File: res.Source.Name, Layer: finding.LayerGo,
		Resource: first.Resource, Operation: first.Operation,
		Message: fmt.Sprintf("the file has more than %d app clients; only the first %d are linted", MaxDocuments, MaxDocuments),
		Hint:    "split the file (a CloudFormation template holds at most 500 resources)"}
	f.Line, f.Column, f.Length = first.Position(first.At)
	res.Findings = append(res.Findings, f)
	clear(res.Docs[MaxDocuments:])
	res.Docs = res.Docs[:MaxDocuments]
	return res
}

// finishRead redacts the secrets of source (as scanSecrets and the reader
// found them) from the findings of reading, and gives them to every
// document, so that no message of a rule or policy quotes one either.
func finishRead(source *finding.Source, res Result) Result {
	if res.Source == nil {
		res.Source = source
	}
	// The readers record the spans they parse; the scan may have found
	// the same: each once.
	slices.SortFunc(res.Source.Redact, func(a, b [2]int) int { return cmp.Compare(a[0], b[0])*2 + cmp.Compare(a[1], b[1]) })
	res.Source.Redact = slices.Compact(res.Source.Redact)
	secrets := res.Source.Secrets
	if len(secrets) == 0 {
		return res
	}
	for i := range res.Findings {
		f := &res.Findings[i]
		f.Message, f.Hint = finding.Redact(f.Message, secrets), finding.Redact(f.Hint, secrets)
	}
	for _, d := range res.Docs {
		have := make(map[string]bool, len(d.Secrets))
		for _, s := range d.Secrets {
			have[s] = true
		}
		for _, s := range secrets {
			if !have[s] {
				have[s] = true
				d.Secrets = append(d.Secrets, s)
			}
		}
	}
	return res
}

func read(name string, source *finding.Source, opts Options) Result {
	src := source.Text
	ext := filepath.Ext(name)
	if strings.EqualFold(ext, ".tf") || (ext == "" && !looksLikeJSON(src) && hclResourceRe.Match(src)) {
		redactTFSecrets(source)
		docs, findings, err := readHCL(source, opts)
		if err != nil {
			return syntaxResult(source, err)
		}
		return Result{Source: source, Docs: docs, Findings: findings}
	}
	if isTFJSONName(name) {
		// Before the JSON shapes: a .tf.json file is Terraform's JSON
		// syntax whatever its content looks like.
		return readTFJSON(source, opts)
	}
	if looksLikeJSON(src) {
		text := src
		if bytes.HasPrefix(text, utf8BOM) {
			// Three spaces keep every offset.
			text = append([]byte("   "), text[len(utf8BOM):]...)
		}
		if res, ok := readJSONSelective(source, text); ok {
			return res
		}
		root, err := ParseJSON(text)
		if se, ok := err.(*SyntaxError); ok && se.Bound && !jsonMayBeOurs(text) {
			// Too large to read whole, and none of our shapes at its top
			// (a CDK cdk.out/tree.json): a walk skips it as it would
			// skip it read.
			return unrecognized(source, finding.Pos{Line: 1, Col: 1})
		}
		if err != nil {
			return syntaxResult(source, err)
		}
		return readShape(source, root, opts)
	}
	if root, ok := clientResourcesYAML(src); ok {
		docs, findings := readCloudFormation(source, root)
		return Result{Source: source, Docs: docs, Findings: findings}
	}
	// Each document of a stream is read as it is parsed: those that are
	// not ours (the rest of a rendered Helm chart) cost neither memory
	// nor the value budget once read.
	res := Result{Source: source}
	recognized, seen := false, false
	var first finding.Pos
	budget := maxYAMLNodes
	err := eachYAML(src, 0, len(src), 0, &budget, true, func(root *finding.Node) bool {
		if !seen {
			seen, first = true, root.Pos
		}
		r := readShape(source, root, opts)
		if r.Unrecognized {
			return false // a document of a stream that is not ours
		}
		recognized = true
		res.Docs = append(res.Docs, r.Docs...)
		res.Findings = append(res.Findings, r.Findings...)
		return true
	})
	if err != nil {
		return syntaxResult(source, err)
	}
	if !seen {
		return unrecognized(source, finding.Pos{Line: 1, Col: 1})
	}
	if !recognized {
		return unrecognized(source, first)
	}
	return res
}

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// hclResourceRe finds a Terraform resource block in a file whose name has
// no extension (stdin).
var hclResourceRe = regexp.MustCompile(`(?m)^\s*resource\s+"aws_cognito_[a-z_]*user_pool_client"\s+"`)

// looksLikeJSON reports whether the first character other than white
// space (and a byte order mark) opens a JSON object or array.
func looksLikeJSON(src []byte) bool {
	src = bytes.TrimPrefix(src, utf8BOM)
	for _, c := range src {
		switch c {
		case ' ', '\t', '\n', '\r':
			continue
		case '{', '[':
			return true
		}
		return false
	}
	return false
}

// reader is one format recognised by the shape of its parsed value: is
// tells it by clear markers, read turns it into documents (and findings of
// the file itself). One file of this package per format.
type reader struct {
	format string
	is     func(root *finding.Node) bool
	read   func(source *finding.Source, root *finding.Node) ([]*finding.Document, []finding.Finding)
}

// readers are asked in order; an API payload, recognised by its members
// rather than by a marker, comes last (readAPI).
var readers = []reader{
	{"terraform-plan", isPlan, func(s *finding.Source, r *finding.Node) ([]*finding.Document, []finding.Finding) {
		return readPlan(s, r), nil
	}},
	{"cloudformation", isTemplate, readCloudFormation},
	{"serverless", isServerless, readServerless},
	{"kubernetes", isKubernetes, readKubernetes},
	{"pulumi", isPulumi, readPulumi},
}

// readShape recognises a parsed file by its shape.
func readShape(source *finding.Source, root *finding.Node, opts Options) Result {
	for _, r := range readers {
		if r.is(root) {
			docs, findings := r.read(source, root)
			return Result{Source: source, Docs: docs, Findings: findings}
		}
	}
	if docs, ok := readAPI(source, root, opts); ok {
		return Result{Source: source, Docs: docs}
	}
	return unrecognized(source, root.Pos)
}

// Unrelated reports whether a file that does not parse is no concern of
// cognitolint's: it names no app client resource type, no Describe output's
// "UserPoolClient", no Kubernetes client kind and no UserPoolId (spelt as
// the API spells it). A directory walk (and
// --skip-unknown) skips such files — a Helm template with an oidcClientId,
// a JSON-with-comments tsconfig — instead of reporting their syntax. Only
// Cognito-specific words count: a ClientId or an "app client" is in too
// many other files.
//
// A Helm chart's template ({{ include … }}, {{ .Values.x }}) is never
// reported: it is not YAML until `helm template` renders it (as CDK code is
// not a template until `cdk synth`), even when it names the Cognito API
// group (an RBAC Role of the ACK controller's own chart does). CloudFormation's
// dynamic references ({{resolve:ssm:…}}) are not Go template actions.
// A Kubernetes API group counts only together with the client's kind.
func Unrelated(src []byte) bool {
	if helmAction.Match(src) {
		return true
	}
	var m markers
	return !m.found(src)
}

// markers looks for the words that name an app client, in a file read
// whole or chunk by chunk: a Kubernetes client's kind and API group may
// stand in different chunks.
type markers struct {
	client, group bool // "UserPoolClient", a Kubernetes API group, seen so far
}

// found reports whether b, with what was seen before it, names an app
// client: a Cognito-specific word, or the client's kind with its group.
func (m *markers) found(b []byte) bool {
	for _, word := range cognitoMarkers {
		if bytes.Contains(b, word) {
			return true
		}
	}
	if bytes.Contains(b, []byte("UserPoolId")) {
		return true
	}
	m.client = m.client || bytes.Contains(b, []byte("UserPoolClient"))
	for _, g := range k8sGroups {
		m.group = m.group || bytes.Contains(b, g)
	}
	return m.client && m.group
}

// helmAction finds a Go template action as Helm charts write them.
var helmAction = regexp.MustCompile(`\{\{-?\s*(\.[A-Za-z$]|\$|include\b|if\b|range\b|with\b|define\b|template\b|end\b|toYaml\b|tpl\b|/\*)`)

// k8sGroups are the API groups of the Kubernetes UserPoolClient kinds read.
var k8sGroups = [][]byte{[]byte("cognitoidentityprovider.services.k8s.aws"), []byte("cognitoidp.aws.upbound.io")}

// cognitoMarkers name an app client in one of the formats read: the
// resource types, the Kubernetes API groups, a Describe output's key.
var cognitoMarkers = [][]byte{
	[]byte(cfnClientType), []byte("aws_cognito_user_pool_client"), []byte("aws_cognito_managed_user_pool_client"),
	[]byte("aws:cognito:UserPoolClient"), []byte(`"UserPoolClient"`),
}

func syntaxResult(source *finding.Source, err error) Result {
	f := finding.Finding{Rule: "syntax", Severity: finding.Error, File: source.Name, Layer: finding.LayerGo,
		Message: err.Error()}
	if se, ok := err.(*SyntaxError); ok {
		f.Line, f.Column, _ = source.Position(se.Off, se.Off)
		f.Length = 1
	}
	return Result{Source: source, Findings: []finding.Finding{f}, Unrelated: Unrelated(source.Text)}
}

func unrecognized(source *finding.Source, at finding.Pos) Result {
	f := finding.Finding{Rule: "unknown-document", Severity: finding.Error, File: source.Name, Layer: finding.LayerGo,
		Message: "this is not an app client configuration: cognitolint reads " + Shapes,
		Hint:    "pass --skip-unknown to skip such files, or --operation to force a shape"}
	if at.Line > 0 {
		f.Line, f.Column = at.Line, at.Col
	} else {
		f.Line, f.Column, _ = source.Position(at.Off, at.Off)
	}
	return Result{Source: source, Findings: []finding.Finding{f}, Unrecognized: true}
}

// readAPI recognises API request and response JSON.
func readAPI(source *finding.Source, root *finding.Node, opts Options) ([]*finding.Document, bool) {
	op := opts.Operation
	if op == "auto" {
		op = ""
	}
	doc := &finding.Document{File: source.Name, Format: "api", Source: source, Root: root, At: root.Pos}
	if root.Kind != finding.Object {
		if op == "" {
			return nil, false
		}
		doc.Operation = op
		return []*finding.Document{doc}, true
	}
	if inner := root.Get("UserPoolClient"); inner != nil && inner.Kind == finding.Object {
		// A Describe/Create/Update response: the stored configuration.
		doc.Root, doc.At = inner, inner.Pos
		if op == "" {
			op = model.OpDescribe
		}
		doc.Operation = op
		return []*finding.Document{doc}, true
	}
	if op == "" {
		if !looksLikeAPI(root) {
			return nil, false
		}
		// Update requires ClientId; without it the payload can only be a
		// Create request (or an Update that lacks ClientId, which the
		// required-member rule of Create does not catch; --operation does).
		op = model.OpCreate
		if root.Get("ClientId") != nil {
			op = model.OpUpdate
		}
	}
	doc.Operation = op
	return []*finding.Document{doc}, true
}

// looksLikeAPI reports whether an object is clearly an app client request
// (what `aws cognito-idp update-user-pool-client --cli-input-json` or
// create-user-pool-client takes), so that a monorepo's other JSON and YAML
// is skipped, never judged. The criterion:
//
//   - more than half of its keys are members of the request shape (exactly,
//     or but for letter case: a typo such as CallbackUrls still counts);
//   - at least one of them configures the client: a member other than the
//     identifiers UserPoolId and ClientId ({"UserPoolId", "ClientId",
//     "region"} is an SDK's poolData, not a request);
//   - and it names its pool and client (UserPoolId with ClientId or
//     ClientName), or, lacking them, at least three members configure the
//     client (a payload that forgot its identifiers: model-required-member
//     says so).
//
// An AWS AppConfig request with a ClientId, or a frontend configuration
// with a UserPoolId, is therefore not a client; --operation forces the
// shape.
func looksLikeAPI(root *finding.Node) bool {
	members, settings := 0, 0
	for _, f := range root.Fields {
		if !isMemberName(f.Key) {
			continue
		}
		members++
		if f.Key != "UserPoolId" && f.Key != "ClientId" {
			settings++
		}
	}
	if members*2 <= len(root.Fields) || settings == 0 {
		return false
	}
	named := root.Get("UserPoolId") != nil && (root.Get("ClientId") != nil || root.Get("ClientName") != nil)
	return named || settings >= 3
}

// isMemberName reports whether key is a member of the request shape,
// exactly or but for letter case.
func isMemberName(key string) bool {
	if model.Lookup(key) != nil {
		return true
	}
	for _, m := range model.Members {
		if strings.EqualFold(m.Name, key) {
			return true
		}
	}
	return false
}

// Readable reports whether a directory walk reads a file of that name.
// A ".template" file is read only when ".template" is its one extension
// (stack.template) or follows a template format's (stack.yaml.template):
// app.js.template and index.html.template are other tools' templates.
func Readable(name string) bool {
	if isTFJSONName(name) {
		return true
	}
	ext := strings.ToLower(filepath.Ext(name))
	if ext == ".template" {
		switch strings.ToLower(filepath.Ext(strings.TrimSuffix(name, filepath.Ext(name)))) {
		case "", ".json", ".yaml", ".yml":
			return true
		}
		return false
	}
	for _, e := range Extensions {
		if ext == e {
			return true
		}
	}
	return false
}

// ParseOperation checks an --operation value.
func ParseOperation(s string) (string, error) {
	switch s {
	case "", "auto":
		return "", nil
	case model.OpUpdate, model.OpCreate, model.OpDescribe:
		return s, nil
	}
	return "", fmt.Errorf("unknown operation %q: use auto, update, create or describe", s)
}

// UnrelatedReader is Unrelated for a file too large to read whole (read
// in chunks, each with the end of the one before, so that a word across
// two chunks is found): a walk passes over an oversize file that names no
// app client (a package-lock.json, a data set) rather than failing on it.
// Past limit bytes read it gives up and answers false: the file may be
// related.
func UnrelatedReader(r io.Reader, limit int64) (bool, error) {
	const chunk = 1 << 20
	const overlap = 64 // longer than every word looked for
	buf := make([]byte, overlap+chunk)
	var kept int   // bytes of the chunk before kept at the start of buf
	var read int64 // bytes read
	var m markers
	for {
		n, err := io.ReadFull(r, buf[kept:])
		window := buf[:kept+n]
		if m.found(window) {
			return false, nil
		}
		read += int64(n)
		switch {
		case err == io.EOF || err == io.ErrUnexpectedEOF:
			return true, nil
		case err != nil:
			return false, err
		case read > limit:
			return false, nil
		}
		kept = copy(buf, window[len(window)-overlap:])
	}
}

// pastValueEstimate reports whether src[from:to] has more than limit line
// ends and commas (and colons, with colons set), and the offset of the one
// past the limit: an estimate of how many values YAML or HCL text holds (a
// block list has an item a line, a flow list one a comma, a YAML mapping
// two values a colon) that costs no parse. Lines of comments and block
// text count too, so the limit is set above what a value budget allows.
func pastValueEstimate(src []byte, from, to, limit int, colons bool) (at int, over bool) {
	n := 0
	for i := from; i < to; i++ {
		if c := src[i]; c == '\n' || c == ',' || colons && c == ':' {
			if n++; n > limit {
				return i, true
			}
		}
	}
	return 0, false
}

// mayBeOurs reports whether an object with these top-level keys could be
// a shape a reader reads: an API request or Describe output, a template,
// a plan, a Serverless or Pulumi file, or a Kubernetes object of a Cognito
// API group (get gives the string value of a key). Files refused for
// their size are read no further when it is false.
func mayBeOurs(keys []string, get func(key string) string) bool {
	for _, k := range keys {
		switch k {
		case "Resources", "resources", "service", "runtime", "format_version", "planned_values", "resource_changes",
			"AWSTemplateFormatVersion", "Transform", "UserPoolClient":
			return true
		case "apiVersion":
			group, _, _ := strings.Cut(get("apiVersion"), "/")
			if group == ackCognitoGroup || group == upboundCognitoGroup || group == upboundCognitoNamespace {
				return true
			}
		}
		if isMemberName(k) {
			return true
		}
	}
	return false
}

// ForeignJSON reports whether text is JSON whose top level is none of the
// shapes cognitolint reads (cdk.out/tree.json names app clients but is
// not one), read without building it: a directory walk passes over such a
// file when it is too large to read. A text that does not parse is not
// foreign: its own lint reports it.
func ForeignJSON(text []byte) bool {
	return looksLikeJSON(text) && !jsonMayBeOurs(bytes.TrimPrefix(text, utf8BOM))
}

// jsonMayBeOurs is mayBeOurs of a JSON text's top-level object, read
// without building it; a text whose top is not an object is not ours.
func jsonMayBeOurs(text []byte) bool {
	p := selParser{jsonParser: jsonParser{src: text}}
	p.skipSpace()
	if p.i >= len(text) || text[p.i] != '{' {
		return false
	}
	var keys []string
	vals := map[string]string{}
	ok := p.members(0, func(key []byte) bool {
		k := string(key)
		keys = append(keys, k)
		if k == "apiVersion" && p.i < len(p.src) && p.src[p.i] == '"' {
			s, end, ok := stringAt(p.src, p.i)
			vals[k], p.i = s, end
			return ok
		}
		return p.skip(1)
	})
	return !ok || mayBeOurs(keys, func(k string) string { return vals[k] })
}
