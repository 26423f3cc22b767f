package input

import (
	"regexp"
	"strings"

	"github.com/cognitolint/cognitolint/finding"
	"github.com/cognitolint/cognitolint/model"
)

// Kubernetes manifests of the two controllers that create app clients from
// a cluster — what GitOps repositories apply with Argo CD or Flux — in
// multi-document streams among other kinds (Read skips the documents that
// are none of ours):
//
//   - AWS Controllers for Kubernetes: apiVersion
//     cognitoidentityprovider.services.k8s.aws/v1alpha1, kind
//     UserPoolClient, the request's members in spec, camelCase with the
//     API's acronyms (callbackURLs, userPoolID).
//   - Crossplane's Upbound AWS provider: apiVersion
//     cognitoidp.aws.upbound.io/v1beta1 (cognitoidp.aws.m.upbound.io for
//     the namespaced resources of Crossplane v2), kind UserPoolClient, the
//     Terraform arguments in camelCase under spec.forProvider (and
//     spec.initProvider, which Crossplane merges in at creation), nested
//     blocks as lists of one object.
//
// References and selectors (userPoolRef, userPoolIdRef,
// userPoolIdSelector, roleArnRef, …) name another Kubernetes object whose
// value the controller resolves at apply time: the member is unknown.
// resource = kind/namespace/name (kind/name without a namespace).

const (
	ackCognitoGroup         = "cognitoidentityprovider.services.k8s.aws"
	upboundCognitoGroup     = "cognitoidp.aws.upbound.io"
	upboundCognitoNamespace = "cognitoidp.aws.m.upbound.io"
	k8sClientKind           = "UserPoolClient"
)

// ackFields maps the spec fields of ACK's UserPoolClient to API members
// (aws-controllers-k8s/cognitoidentityprovider-controller,
// config/crd/bases/cognitoidentityprovider.services.k8s.aws_userpoolclients.yaml).
var ackFields = map[string]string{
	"accessTokenValidity":                      "AccessTokenValidity",
	"allowedOAuthFlows":                        "AllowedOAuthFlows",
	"allowedOAuthFlowsUserPoolClient":          "AllowedOAuthFlowsUserPoolClient",
	"allowedOAuthScopes":                       "AllowedOAuthScopes",
	"analyticsConfiguration":                   "AnalyticsConfiguration",
	"authSessionValidity":                      "AuthSessionValidity",
	"callbackURLs":                             "CallbackURLs",
	"defaultRedirectURI":                       "DefaultRedirectURI",
	"enablePropagateAdditionalUserContextData": "EnablePropagateAdditionalUserContextData",
	"enableTokenRevocation":                    "EnableTokenRevocation",
	"explicitAuthFlows":                        "ExplicitAuthFlows",
	"generateSecret":                           "GenerateSecret",
	"idTokenValidity":                          "IdTokenValidity",
	"logoutURLs":                               "LogoutURLs",
	"name":                                     "ClientName",
	"preventUserExistenceErrors":               "PreventUserExistenceErrors",
	"readAttributes":                           "ReadAttributes",
	"refreshTokenRotation":                     "RefreshTokenRotation",
	"refreshTokenValidity":                     "RefreshTokenValidity",
	"supportedIdentityProviders":               "SupportedIdentityProviders",
	"tokenValidityUnits":                       "TokenValidityUnits",
	"userPoolID":                               "UserPoolId",
	"writeAttributes":                          "WriteAttributes",
}

// ackNested maps the fields of ACK's nested structures (same CRD).
var ackNested = map[string]map[string]string{
	"AnalyticsConfiguration": {"applicationARN": "ApplicationArn", "applicationID": "ApplicationId", "externalID": "ExternalId",
		"roleARN": "RoleArn", "userDataShared": "UserDataShared"},
	"RefreshTokenRotation": {"feature": "Feature", "retryGracePeriodSeconds": "RetryGracePeriodSeconds"},
	"TokenValidityUnits":   {"accessToken": "AccessToken", "idToken": "IdToken", "refreshToken": "RefreshToken"},
}

// ackRefs are ACK's references: the member the controller fills from
// another resource.
var ackRefs = map[string]string{"userPoolRef": "UserPoolId"}

// isKubernetes reports whether root is a Kubernetes object of one of the
// Cognito controllers' API groups.
func isKubernetes(root *finding.Node) bool {
	group, kind := k8sGroupKind(root)
	return kind != "" && (group == ackCognitoGroup || group == upboundCognitoGroup || group == upboundCognitoNamespace)
}

func k8sGroupKind(root *finding.Node) (group, kind string) {
	if root == nil || root.Kind != finding.Object {
		return "", ""
	}
	av, k := root.Get("apiVersion"), root.Get("kind")
	if av == nil || av.Kind != finding.String || k == nil || k.Kind != finding.String {
		return "", ""
	}
	group, _, _ = strings.Cut(av.Str, "/")
	return group, k.Str
}

// readKubernetes reads an app client object; other kinds of the same
// groups (a UserPool) give no document.
func readKubernetes(source *finding.Source, root *finding.Node) ([]*finding.Document, []finding.Finding) {
	group, kind := k8sGroupKind(root)
	if kind != k8sClientKind {
		return nil, nil
	}
	meta := root.Get("metadata")
	name, namespace := "", ""
	at := root.Pos
	if n := meta.Get("name"); n != nil && n.Kind == finding.String {
		name, at = n.Str, n.Pos
	}
	if n := meta.Get("namespace"); n != nil && n.Kind == finding.String {
		namespace = n.Str
	}
	resource := kind + "/" + name
	if namespace != "" {
		resource = kind + "/" + namespace + "/" + name
	}
	doc := &finding.Document{File: source.Name, Format: "kubernetes", Operation: model.OpCreate, Resource: resource,
		Source: source, At: at}
	out := &finding.Node{Kind: finding.Object, Pos: at}
	spec := root.Get("spec")
	if group == ackCognitoGroup {
		readACKSpec(out, spec)
	} else {
		// forProvider first: its value of a field wins over initProvider's.
		for _, part := range []string{"forProvider", "initProvider"} {
			readUpboundSpec(out, spec.Get(part))
		}
	}
	unknownPlaceholders(out)
	doc.Root = out
	coerce(doc.Root)
	collectUnknown(doc)
	return []*finding.Document{doc}, nil
}

// k8sPlaceholder finds what a GitOps tool fills in before Kubernetes sees
// a manifest: a Helm chart's Go template action ("{{ .Release.Name }}-api",
// quoted so that the template parses as YAML; helm.sh/docs/chart_template_guide)
// and a Flux post-build substitution (${cluster_env}, ${domain:=example.com};
// fluxcd.io/flux/components/kustomize/kustomizations/#post-build-variable-substitution).
var k8sPlaceholder = regexp.MustCompile(`\{\{.*\}\}|\$\{[A-Za-z_][A-Za-z0-9_]*(?:[:=+?-][^}]*)?\}`)

// unknownPlaceholders makes every string value holding a placeholder
// unknown: its value is known only once rendered.
func unknownPlaceholders(n *finding.Node) {
	if n == nil {
		return
	}
	for i := range n.Fields {
		if v := n.Fields[i].Value; v != nil && v.Kind == finding.String && k8sPlaceholder.MatchString(v.Str) {
			n.Fields[i].Value = &finding.Node{Kind: finding.Unknown, Str: v.Str, Pos: v.Pos}
		} else {
			unknownPlaceholders(v)
		}
	}
	for i, it := range n.Items {
		if it != nil && it.Kind == finding.String && k8sPlaceholder.MatchString(it.Str) {
			n.Items[i] = &finding.Node{Kind: finding.Unknown, Str: it.Str, Pos: it.Pos}
		} else {
			unknownPlaceholders(it)
		}
	}
}

func readACKSpec(out, spec *finding.Node) {
	if spec == nil || spec.Kind != finding.Object {
		return
	}
	for _, f := range spec.Fields {
		if member, ok := ackRefs[f.Key]; ok {
			refUnknown(out, member, f)
			continue
		}
		member, ok := ackFields[f.Key]
		if !ok {
			continue // not a member: the API server's schema judges it
		}
		v := f.Value
		if fields, nested := ackNested[member]; nested && v.Kind == finding.Object {
			v = renameFields(v, fields)
		}
		setMember(out, member, f.KeyPos, v)
	}
}

// readUpboundSpec reads spec.forProvider (or initProvider): the Terraform
// arguments of aws_cognito_user_pool_client in camelCase (upjet's naming;
// crossplane-contrib/provider-upjet-aws,
// package/crds/cognitoidp.aws.upbound.io_userpoolclients.yaml), mapped
// with the Terraform reader's table.
func readUpboundSpec(out, params *finding.Node) {
	if params == nil || params.Kind != finding.Object {
		return
	}
	for _, f := range params.Fields {
		snake := camelToSnake(f.Key)
		if base, ok := strings.CutSuffix(snake, "_ref"); ok {
			if member := tfAttributes[base]; member != "" {
				refUnknown(out, member, f)
			}
			continue
		}
		if base, ok := strings.CutSuffix(snake, "_selector"); ok {
			if member := tfAttributes[base]; member != "" {
				refUnknown(out, member, f)
			}
			continue
		}
		if member := tfAttributes[snake]; member != "" {
			setMember(out, member, f.KeyPos, f.Value)
			continue
		}
		if block, ok := tfBlocks[snake]; ok {
			v := f.Value
			if v.Kind == finding.Array && len(v.Items) == 1 {
				v = v.Items[0] // a block: a list of one object
			}
			if v.Kind != finding.Object {
				setMember(out, block.member, f.KeyPos, v) // the decoder says what is wrong
				continue
			}
			obj := &finding.Node{Kind: finding.Object, Pos: v.Pos}
			for _, g := range v.Fields {
				s := camelToSnake(g.Key)
				if base, ok := strings.CutSuffix(s, "_ref"); ok && block.attrs[base] != "" {
					obj.Fields = append(obj.Fields, finding.Field{Key: block.attrs[base], KeyPos: g.KeyPos, Value: &finding.Node{Kind: finding.Unknown, Str: g.Key, Pos: g.Value.Pos}})
				} else if base, ok := strings.CutSuffix(s, "_selector"); ok && block.attrs[base] != "" {
					obj.Fields = append(obj.Fields, finding.Field{Key: block.attrs[base], KeyPos: g.KeyPos, Value: &finding.Node{Kind: finding.Unknown, Str: g.Key, Pos: g.Value.Pos}})
				} else if m := block.attrs[s]; m != "" {
					obj.Fields = append(obj.Fields, finding.Field{Key: m, KeyPos: g.KeyPos, Value: g.Value})
				}
			}
			setMember(out, block.member, f.KeyPos, obj)
		}
	}
}

// refUnknown makes member unknown where a reference or selector fills it,
// unless the value itself is given (the controllers resolve a reference
// only when the field is not present).
func refUnknown(out *finding.Node, member string, ref finding.Field) {
	if out.Get(member) != nil {
		return
	}
	setMember(out, member, ref.KeyPos, &finding.Node{Kind: finding.Unknown, Str: ref.Key, Pos: ref.Value.Pos})
}

// setMember adds member unless it is there already (the first of
// forProvider and initProvider, or of a value and its reference, wins).
func setMember(out *finding.Node, member string, keyPos finding.Pos, v *finding.Node) {
	for i := range out.Fields {
		if out.Fields[i].Key == member {
			if out.Fields[i].Value.Kind == finding.Unknown && v.Kind != finding.Unknown {
				out.Fields[i] = finding.Field{Key: member, KeyPos: keyPos, Value: v} // the value beats its reference
			}
			return
		}
	}
	out.Fields = append(out.Fields, finding.Field{Key: member, KeyPos: keyPos, Value: v})
}

// renameFields copies an object with its keys mapped; unmapped keys stay,
// for the decoder to report.
func renameFields(v *finding.Node, names map[string]string) *finding.Node {
	obj := &finding.Node{Kind: finding.Object, Pos: v.Pos, Fields: make([]finding.Field, 0, len(v.Fields))}
	for _, f := range v.Fields {
		key := f.Key
		if m, ok := names[key]; ok {
			key = m
		}
		obj.Fields = append(obj.Fields, finding.Field{Key: key, KeyPos: f.KeyPos, Value: f.Value})
	}
	return obj
}

// camelToSnake turns upjet's field names back into Terraform's:
// allowedOauthFlows → allowed_oauth_flows, userPoolIdRef → user_pool_id_ref.
func camelToSnake(s string) string {
	var b strings.Builder
	for i, r := range s {
		if r >= 'A' && r <= 'Z' {
			if i > 0 {
				b.WriteByte('_')
			}
			b.WriteRune(r + ('a' - 'A'))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}
