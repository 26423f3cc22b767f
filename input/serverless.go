package input

import (
	"github.com/cognitolint/cognitolint/finding"
)

// The Serverless Framework's service file (serverless.yml, .yaml or
// .json): a `service:` whose `resources` holds plain CloudFormation —
// `resources: {Resources: {…}, Outputs: {…}}`, or a list of such fragments,
// some of them `${file(resources/x.yml)}` includes
// (serverless.com/framework/docs/providers/aws/guide/resources). Serverless
// merges the fragments into the template it deploys; the inline ones are
// read here with the CloudFormation reader, at their positions as written.
// An included file is read when it is linted itself (a walk reads it: it
// is a CloudFormation fragment with a top-level Resources). Serverless
// variables (${self:…}, ${sls:stage}, …) are unknown values wherever they
// appear (isVariable).

// isServerless reports whether root is a Serverless service file: a
// `service` (a name, or the v1 form {name: …}) with a `provider` or
// `resources`.
func isServerless(root *finding.Node) bool {
	if root == nil || root.Kind != finding.Object {
		return false
	}
	svc := root.Get("service")
	if svc == nil || (svc.Kind != finding.String && svc.Kind != finding.Object) {
		return false
	}
	return root.Get("provider") != nil || root.Get("resources") != nil
}

// readServerless reads the app clients of a service file's inline
// resources.
func readServerless(source *finding.Source, root *finding.Node) ([]*finding.Document, []finding.Finding) {
	res := root.Get("resources")
	if res == nil {
		return nil, nil
	}
	fragments := []*finding.Node{res}
	if res.Kind == finding.Array {
		fragments = res.Items
	}
	// The fragments' Resources merged, as Serverless merges them: a later
	// fragment's resource of the same logical ID wins.
	merged := &finding.Node{Kind: finding.Object}
	partial := false
	for _, frag := range fragments {
		r := frag.Get("Resources")
		if r == nil || r.Kind != finding.Object {
			// ${file(…)} or anything Serverless resolves: resources the
			// inline ones do not show may be declared there.
			partial = partial || frag.Kind != finding.Object || r != nil
			continue
		}
		for _, f := range r.Fields {
			replaced := false
			for i := range merged.Fields {
				if merged.Fields[i].Key == f.Key {
					merged.Fields[i], replaced = f, true
				}
			}
			if !replaced {
				merged.Fields = append(merged.Fields, f)
			}
		}
	}
	template := &finding.Node{Kind: finding.Object, Fields: []finding.Field{{Key: "Resources", Value: merged}}}
	docs, findings := readTemplate(source, template, partial)
	for _, d := range docs {
		d.Format = "serverless"
	}
	return docs, findings
}
