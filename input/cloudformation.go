package input

import (
	"fmt"
	"strings"

	"github.com/cognitolint/cognitolint/finding"
	"github.com/cognitolint/cognitolint/model"
)

// CloudFormation resource types read as app clients.
const cfnClientType = "AWS::Cognito::UserPoolClient"

// cfnReturnValues are the attributes of AWS::Cognito::UserPoolClient that
// are return values (Fn::GetAtt), not properties. CloudFormation ignores a
// read-only property written in a template rather than rejecting it
// (aws-cloudformation/cloudformation-resource-schema#102; cfn-lint E3040),
// so writing one is the warning read-only-property, not an error.
var cfnReturnValues = map[string]string{
	"ClientId":     "ClientId is the return value of Ref (or Fn::GetAtt %s.ClientId), not a property of " + cfnClientType + ": CloudFormation ignores it, so it has no effect",
	"ClientSecret": "ClientSecret is a return value (Fn::GetAtt %s.ClientSecret), not a property of " + cfnClientType + ": CloudFormation ignores it, so it has no effect",
	"Name":         "Name is a return value (Fn::GetAtt %s.Name), not a property of " + cfnClientType + ": CloudFormation ignores it, so it has no effect; the client's name is ClientName",
}

// isTemplate reports whether root is a CloudFormation, SAM or CDK template:
// an object with a Resources object whose entries have a Type, or with a
// template version, a Transform or the SAM/CDK markers.
func isTemplate(root *finding.Node) bool {
	if root == nil || root.Kind != finding.Object {
		return false
	}
	res := root.Get("Resources")
	if res == nil || res.Kind != finding.Object {
		return false
	}
	if root.Get("AWSTemplateFormatVersion") != nil || root.Get("Transform") != nil {
		return true
	}
	for _, f := range res.Fields {
		if t := f.Value.Get("Type"); t != nil && t.Kind == finding.String && strings.Count(t.Str, "::") >= 1 {
			return true
		}
	}
	return len(res.Fields) == 0
}

// readCloudFormation turns every AWS::Cognito::UserPoolClient resource of a
// template into a create document. Findings are the return values written
// as properties (read-only-property).
func readCloudFormation(source *finding.Source, root *finding.Node) ([]*finding.Document, []finding.Finding) {
	return readTemplate(source, root, false)
}

// readTemplate reads the app clients of a template. partial says that the
// template is not all there is (a Serverless file whose resources include
// other files): resources it lacks may be declared elsewhere.
func readTemplate(source *finding.Source, root *finding.Node, partial bool) ([]*finding.Document, []finding.Finding) {
	var docs []*finding.Document
	var findings []finding.Finding
	res := root.Get("Resources")
	open := &openTemplate{partial: partial}
	for i := range res.Fields {
		r := &res.Fields[i]
		if r.Value.Kind != finding.Object {
			continue
		}
		t := r.Value.Get("Type")
		if t == nil || t.Kind != finding.String || t.Str != cfnClientType {
			continue
		}
		doc := &finding.Document{File: source.Name, Format: "cloudformation", Operation: model.OpCreate,
			Resource: r.Key, Source: source, At: r.KeyPos, Metadata: r.Value.Get("Metadata")}
		props := r.Value.Get("Properties")
		switch {
		case props == nil:
			doc.Root = &finding.Node{Kind: finding.Object, Pos: r.KeyPos}
		case isIntrinsic(props) || isVariable(props):
			// Properties: !If [...] or ${file(client.yml)} — nothing is known.
			doc.Root = &finding.Node{Kind: finding.Object, Pos: props.Pos}
			doc.Unknown = []string{""}
		default:
			c := cfnConverter{doc: doc}
			doc.Root = c.value(props)
			if doc.Root == nil { // Properties: !Ref AWS::NoValue
				doc.Root = &finding.Node{Kind: finding.Object, Pos: props.Pos}
			}
			if doc.Root.Kind == finding.Object {
				findings = append(findings, c.returnValues(r.Key)...)
				if c.transform {
					// A macro may add any member: none is known missing.
					unknownAbsent(doc)
				}
			}
		}
		if doc.Root.Kind == finding.Object && doc.Root.Get("ClientName") == nil {
			// CloudFormation names the client itself when ClientName is
			// omitted: the name exists but is not known before deploy.
			doc.AddUnknown("ClientName")
		}
		if doc.Root.Kind == finding.Object {
			// A missing member is reported at the resource's logical ID.
			doc.Root.Pos = r.KeyPos
		}
		coerce(doc.Root)
		collectUnknown(doc)
		if props != nil {
			doc.Declared = declaredContext(source, res, props.Get("UserPoolId"), open)
		}
		docs = append(docs, doc)
	}
	return docs, findings
}

type cfnConverter struct {
	doc       *finding.Document
	transform bool // Fn::Transform inside the properties
}

// isIntrinsic reports whether n is a CloudFormation intrinsic function in
// long form: an object with the single key Ref, Condition or Fn::….
func isIntrinsic(n *finding.Node) bool {
	if n == nil || n.Kind != finding.Object || len(n.Fields) != 1 {
		return false
	}
	k := n.Fields[0].Key
	return k == "Ref" || k == "Condition" || strings.HasPrefix(k, "Fn::")
}

// isVariable reports whether n is a string holding a Serverless Framework
// variable (${self:custom.stage}, ${sls:stage}, ${opt:stage, 'dev'},
// ${env:X}, ${ssm:/path}, ${cf:stack.Output}, ${file(./x.yml):key},
// ${aws:accountId}, ${param:x}, ${s3:bucket/key}, nested ${…${…}…}).
// Serverless resolves it before CloudFormation sees the template, so the
// value is unknown — wherever it appears, since a resources file included
// with ${file(…)} is plain CloudFormation YAML with Serverless variables
// (serverless.com/framework/docs/providers/aws/guide/variables). A
// CloudFormation ${Param} in a !Sub is already unknown as an intrinsic.
func isVariable(n *finding.Node) bool {
	return n != nil && n.Kind == finding.String && hasVariable(n.Str)
}

// hasVariable reports whether s holds "${source:" or "${source(": the
// Serverless variable syntax (a source name, then its address or its
// arguments). Sources are not listed one by one: plugins and Serverless
// v4 add their own (${doppler:…}, ${terraform:…}), and any of them is
// resolved before deploy.
func hasVariable(s string) bool {
	for {
		i := strings.Index(s, "${")
		if i < 0 {
			return false
		}
		s = s[i+2:]
		j := 0
		for j < len(s) && (s[j] == ' ') {
			j++
		}
		k := j
		for k < len(s) && (s[k] >= 'a' && s[k] <= 'z' || s[k] >= 'A' && s[k] <= 'Z' || s[k] >= '0' && s[k] <= '9' || s[k] == '_' || s[k] == '-') {
			k++
		}
		if k > j && k < len(s) && (s[k] == ':' || s[k] == '(') {
			return true
		}
	}
}

// isNoValue reports whether n is {"Ref": "AWS::NoValue"} (!Ref AWS::NoValue):
// the property or list element is absent.
func isNoValue(n *finding.Node) bool {
	if !isIntrinsic(n) || n.Fields[0].Key != "Ref" {
		return false
	}
	v := n.Fields[0].Value
	return v.Kind == finding.String && v.Str == "AWS::NoValue"
}

// value converts a template value into API shape: intrinsics become
// unknown values, AWS::NoValue removes the property (nil). A list element
// that is an intrinsic stays in place as an unknown element — also
// Fn::If [c, x, !Ref AWS::NoValue], which may or may not be there — so
// that rules never conclude what the list holds.
func (c *cfnConverter) value(n *finding.Node) *finding.Node {
	switch {
	case isNoValue(n):
		return nil
	case isIntrinsic(n):
		return &finding.Node{Kind: finding.Unknown, Str: n.Fields[0].Key, Pos: n.Pos}
	case isVariable(n):
		return &finding.Node{Kind: finding.Unknown, Str: n.Str, Pos: n.Pos}
	}
	switch n.Kind {
	case finding.Object:
		out := &finding.Node{Kind: finding.Object, Pos: n.Pos, Fields: make([]finding.Field, 0, len(n.Fields))}
		for _, f := range n.Fields {
			if f.Key == "Fn::Transform" {
				c.transform = true
				continue
			}
			if v := c.value(f.Value); v != nil {
				out.Fields = append(out.Fields, finding.Field{Key: f.Key, KeyPos: f.KeyPos, Value: v})
			}
		}
		return out
	case finding.Array:
		out := &finding.Node{Kind: finding.Array, Pos: n.Pos, Items: make([]*finding.Node, 0, len(n.Items))}
		for _, it := range n.Items {
			if v := c.value(it); v != nil {
				out.Items = append(out.Items, v)
			}
		}
		return out
	}
	return n
}

// returnValues reports (read-only-property) and removes ClientId,
// ClientSecret and Name written as properties. A ClientSecret value is recorded as a secret first, so that
// no output shows it.
func (c *cfnConverter) returnValues(logicalID string) []finding.Finding {
	root := c.doc.Root
	var out []finding.Finding
	kept := root.Fields[:0]
	for _, f := range root.Fields {
		format, ok := cfnReturnValues[f.Key]
		if !ok {
			kept = append(kept, f)
			continue
		}
		if f.Key == "ClientSecret" {
			addSecret(c.doc, f.Value)
		}
		hint := "remove it"
		switch f.Key {
		case "Name":
			hint = `remove it; the property that names the client is "ClientName"`
		case "ClientSecret":
			hint = "remove it: set GenerateSecret: true and read the secret with !GetAtt " + logicalID + ".ClientSecret"
		case "ClientId":
			hint = "remove it: CloudFormation assigns the ID; read it with !Ref " + logicalID
		}
		line, col, length := c.doc.Position(f.KeyPos)
		out = append(out, finding.Finding{Rule: "read-only-property", Severity: finding.Warning,
			Message: fmt.Sprintf(format, logicalID), Hint: hint, File: c.doc.File, Line: line, Column: col, Length: length,
			Path: f.Key, Resource: c.doc.Resource, Operation: c.doc.Operation, Layer: finding.LayerGo})
	}
	root.Fields = kept
	return out
}

// addSecret records a secret value so that no source line shows it.
func addSecret(doc *finding.Document, n *finding.Node) {
	if n == nil || n.Kind != finding.String || n.Str == "" {
		return
	}
	doc.Secrets = append(doc.Secrets, n.Str)
	if doc.Source != nil {
		doc.Source.Secrets = append(doc.Source.Secrets, n.Str)
	}
}

// unknownAbsent marks every top-level member the document does not give as
// unknown: something outside the document (a macro) may supply it.
func unknownAbsent(doc *finding.Document) {
	for _, m := range model.Members {
		if m.Ops.Has(doc.Operation) && doc.Root.Get(m.Name) == nil {
			doc.AddUnknown(m.Name)
		}
	}
}

// coerce converts scalars the way CloudFormation and Terraform do before
// AWS sees them: "60" for an integer member is 60, "true" for a boolean
// member is true, a number or boolean for a string member is its text.
// Values that do not convert are left for the decoder to report.
func coerce(root *finding.Node) {
	if root == nil || root.Kind != finding.Object {
		return
	}
	for _, f := range root.Fields {
		m := model.Lookup(f.Key)
		if m == nil {
			continue
		}
		coerceMember(m, f.Value)
	}
}

func coerceMember(m *model.Member, n *finding.Node) {
	switch m.Kind {
	case model.Structure:
		if n.Kind != finding.Object {
			return
		}
		for _, f := range n.Fields {
			for i := range m.Members {
				if m.Members[i].Name == f.Key {
					coerceMember(&m.Members[i], f.Value)
				}
			}
		}
	case model.StringList:
		if n.Kind == finding.Array {
			for _, it := range n.Items {
				coerceScalar(model.String, it)
			}
		}
	default:
		coerceScalar(m.Kind, n)
	}
}

func coerceScalar(k model.Kind, n *finding.Node) {
	switch k {
	case model.Integer:
		if n.Kind == finding.String && isInteger(strings.TrimSpace(n.Str)) {
			n.Kind, n.Str = finding.Number, strings.TrimSpace(n.Str)
		}
	case model.Boolean:
		if n.Kind == finding.String {
			switch strings.ToLower(n.Str) {
			case "true":
				n.Kind, n.Bool = finding.Bool, true
			case "false":
				n.Kind, n.Bool = finding.Bool, false
			}
		}
	case model.String:
		switch n.Kind {
		case finding.Number:
			n.Kind = finding.String
		case finding.Bool:
			n.Kind = finding.String
			n.Str = map[bool]string{true: "true", false: "false"}[n.Bool]
		}
	}
}

func isInteger(s string) bool {
	if strings.HasPrefix(s, "-") || strings.HasPrefix(s, "+") {
		s = s[1:]
	}
	if s == "" || len(s) > 19 {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// collectUnknown lists the paths of the unknown values of a document's
// members, in document order, as the decoder names them. Values under keys
// that are not members are left out: those keys are reported, not skipped.
func collectUnknown(doc *finding.Document) {
	root := doc.Root
	if root == nil || root.Kind != finding.Object {
		return
	}
	for _, f := range root.Fields {
		m := model.Lookup(f.Key)
		if m == nil || !m.Ops.Has(doc.Operation) {
			continue
		}
		collectMember(doc, m, f.Value, f.Key)
	}
}

func collectMember(doc *finding.Document, m *model.Member, n *finding.Node, path string) {
	if n.Kind == finding.Unknown {
		doc.AddUnknown(path)
		return
	}
	switch {
	case m.Kind == model.StringList && n.Kind == finding.Array:
		for i, it := range n.Items {
			if it.Kind == finding.Unknown {
				doc.AddUnknown(fmt.Sprintf("%s[%d]", path, i))
			}
		}
	case m.Kind == model.Structure && n.Kind == finding.Object:
		for _, f := range n.Fields {
			for i := range m.Members {
				if m.Members[i].Name == f.Key {
					collectMember(doc, &m.Members[i], f.Value, path+"."+f.Key)
				}
			}
		}
	}
}

func appendPath(l []string, p string) []string {
	for _, x := range l {
		if x == p {
			return l
		}
	}
	return append(l, p)
}
