package rules

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/agnivade/levenshtein"

	"github.com/cognitolint/cognitolint/finding"
	"github.com/cognitolint/cognitolint/model"
)

// decoder turns a document's Node tree into a model.Request, reporting what
// does not fit the request shape: unknown members, null values, wrong types,
// duplicate keys, missing required members.
type decoder struct {
	doc     *finding.Document
	op      string
	out     *[]result
	invalid *finding.PathSet // paths whose values could not be decoded
	// clamped are the integers too large for int64, by path: their
	// literal as written, for messages (never the clamped value).
	clamped map[string]string
	// counts are the findings reported per rule, so that a flood (a
	// million bad members) costs a count each past what is shown.
	counts map[string]int
	flood  map[string]int // index in out of each flooded rule's counting result
}

// flooded reports whether rule has more findings than the output can show
// (the engine keeps MaxPerRule and a note): further ones are counted but
// not formatted. The margin covers findings the engine drops later.
func (d *decoder) flooded(rule string) bool { return d.counts[rule] > 2*MaxPerRule+2 }

// counted counts one more finding of rule when the rule is flooded and a
// result already stands for its findings past the bound, and reports
// whether it did: the caller then builds neither path nor message.
func (d *decoder) counted(rule string) bool {
	r, ok := d.flood[rule]
	if !ok || d.counts[rule]+1 <= 2*MaxPerRule+2 || r >= len(*d.out) || (*d.out)[r].more == 0 || (*d.out)[r].Rule != rule {
		return false
	}
	d.counts[rule]++
	(*d.out)[r].more++
	return true
}

func (d *decoder) report(rule string, path string, atKey bool, hint, format string, args ...any) {
	if rule == "model-type" || rule == "model-null-value" {
		d.invalid.Add(path)
	}
	if d.counted(rule) {
		return // counted for the engine's note; one result stands for all of them
	}
	if d.counts == nil {
		d.counts = map[string]int{}
	}
	d.counts[rule]++
	if d.flooded(rule) {
		if d.flood == nil {
			d.flood = map[string]int{}
		}
		d.flood[rule] = len(*d.out)
		*d.out = append(*d.out, result{atKey: atKey, primary: true, more: 1, Finding: finding.Finding{Rule: rule, Path: path}})
		return
	}
	*d.out = append(*d.out, result{atKey: atKey, primary: true, Finding: finding.Finding{
		Rule: rule, Severity: finding.Error, Path: path, Hint: hint,
		Message: fmt.Sprintf(format, args...),
	}})
}

// decode fills a Request from the document's root object.
func (d *decoder) decode() *model.Request {
	req := &model.Request{}
	root := d.doc.Root
	if root == nil {
		return req
	}
	if root.Kind != finding.Object {
		d.report("model-type", "", false, "", "the request is %s; it must be a JSON object of %s members", root.Kind, opName(d.op))
		return req
	}
	d.checkDuplicates(root, "")
	for i := range root.Fields {
		f := &root.Fields[i]
		m := model.Lookup(f.Key)
		if m != nil && m.Sensitive && f.Value.Kind == finding.String {
			d.secret(f.Value)
		}
		if m == nil || !m.Ops.Has(d.op) {
			d.unknownMember(root, i, m != nil)
			continue
		}
		d.member(req, m, f.Value, f.Key)
	}
	for _, m := range model.Members {
		if m.Required&opBit(d.op) != 0 && root.Get(m.Name) == nil && !d.doc.IsUnknown(m.Name) {
			d.report("model-required-member", m.Name, false, fmt.Sprintf("add \"%s\"", m.Name),
				"%s is required in %s and missing", m.Name, opName(d.op))
		}
	}
	return req
}

func opBit(op string) model.Ops {
	switch op {
	case model.OpUpdate:
		return model.InUpdate
	case model.OpCreate:
		return model.InCreate
	case model.OpDescribe:
		return model.InDescribe
	}
	return 0
}

func opName(op string) string {
	switch op {
	case model.OpUpdate:
		return "an UpdateUserPoolClient request"
	case model.OpCreate:
		return "a CreateUserPoolClient request"
	case model.OpDescribe:
		return "a DescribeUserPoolClient output"
	}
	return "a request"
}

func (d *decoder) unknownMember(root *finding.Node, i int, otherOp bool) {
	key := root.Fields[i].Key
	path := key
	defer func() {
		if otherOp {
			if e, ok := removeMember(d.doc, root, i); ok {
				d.fix("remove "+key+", which "+opName(d.op)+" does not have", e)
			}
		}
	}()
	switch {
	case otherOp && key == "ClientSecret" && d.op == model.OpUpdate:
		d.report("model-unknown-member", path, true, "remove it: a secret is set only at creation (or with AddUserPoolClientSecret)",
			"ClientSecret is not a member of %s (a copied DescribeUserPoolClient output?)", opName(d.op))
	case otherOp && (key == "CreationDate" || key == "LastModifiedDate"):
		d.report("model-unknown-member", path, true, "remove it: it is read-only output of DescribeUserPoolClient",
			"%s is not a member of %s", key, opName(d.op))
	case otherOp:
		d.report("model-unknown-member", path, true, "remove it",
			"%s is not a member of %s", clip(key), opName(d.op))
	case d.flooded("model-unknown-member"):
		d.report("model-unknown-member", path, true, "", "")
	default:
		hint := "remove it, or check its spelling against the API reference"
		names := model.MemberNames(d.op)
		s := nearest(key, names, 3)
		if s != "" {
			hint = fmt.Sprintf("did you mean %q?", s)
			// What the typo meant to set is not known to be absent.
			d.invalid.Add(s)
		}
		d.report("model-unknown-member", path, true, hint, "unknown member %s in %s", quote(key), opName(d.op))
		d.fixTypo(root, i, s, names)
	}
}

// secret records a secret value so that no output shows it: not in
// messages, not in source lines.
func (d *decoder) secret(n *finding.Node) {
	d.doc.Secrets = appendUnique(d.doc.Secrets, n.Str)
	if src := d.doc.Source; src != nil {
		// The documents of one file are checked concurrently.
		src.AddSecret(n.Str, n.Pos.Off+1, n.Pos.End-1)
	}
}

// checkDuplicates reports a key written twice in one object. It is a
// warning, not a syntax error: CloudFormation and the AWS CLI's JSON reader
// keep the last value, so the file deploys (see the rule's doc). An object
// of a few members (every object AWS defines) is checked pair by pair; a
// larger one by sorting its member indexes by key, so that 100,000 keys
// cost n log n time and 4 bytes each (a map of them cost 50 bytes each).
func (d *decoder) checkDuplicates(n *finding.Node, prefix string) {
	if len(n.Fields) > 16 {
		d.checkManyDuplicates(n, prefix)
		return
	}
	for i := range n.Fields {
		for j := range i {
			if n.Fields[i].Key == n.Fields[j].Key {
				d.duplicate(n, prefix, i, j)
				break
			}
		}
	}
}

func (d *decoder) checkManyDuplicates(n *finding.Node, prefix string) {
	order := make([]int32, len(n.Fields))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortStableFunc(order, func(a, b int32) int { return strings.Compare(n.Fields[a].Key, n.Fields[b].Key) })
	var dups [][2]int32 // {i, j}: member i repeats the key of member j, its first
	first := 0          // in order, the first member of the run of one key
	for k := 1; k < len(order); k++ {
		if n.Fields[order[k]].Key != n.Fields[order[first]].Key {
			first = k
			continue
		}
		dups = append(dups, [2]int32{order[k], order[first]})
	}
	slices.SortFunc(dups, func(a, b [2]int32) int { return int(a[0] - b[0]) })
	for _, p := range dups {
		d.duplicate(n, prefix, int(p[0]), int(p[1]))
	}
}

// duplicate reports member i of n, whose key member j wrote first.
func (d *decoder) duplicate(n *finding.Node, prefix string, i, j int) {
	if d.counted("duplicate-member") {
		return // a million duplicates cost a count each
	}
	key := n.Fields[i].Key
	line, _, _ := d.doc.Position(n.Fields[j].KeyPos)
	d.report("duplicate-member", join(prefix, key), false, "remove one of the two",
		"duplicate member %q (first written on line %d): only the last one takes effect", key, line)
	(*d.out)[len(*d.out)-1].at = &n.Fields[i].KeyPos
}

func join(prefix, key string) string {
	if prefix == "" {
		return key
	}
	return prefix + "." + key
}

func (d *decoder) typeError(path string, want model.Kind, n *finding.Node) {
	if n.Kind == finding.Null {
		d.report("model-null-value", path, false, fmt.Sprintf("remove \"%s\" to leave it unset", lastName(path)),
			"%s is null: the AWS CLI rejects null; omit the member instead", path)
		return
	}
	hint := ""
	if want == model.Integer && n.Kind == finding.String {
		if _, err := strconv.ParseInt(n.Str, 10, 64); err == nil {
			hint = fmt.Sprintf("write %s without quotes", n.Str)
		}
	}
	if want == model.Boolean && n.Kind == finding.String && (n.Str == "true" || n.Str == "false") {
		hint = fmt.Sprintf("write %s without quotes", n.Str)
	}
	if want == model.StringList && n.Kind == finding.String {
		hint = fmt.Sprintf("write [%q]", n.Str)
	}
	d.report("model-type", path, false, hint, "%s must be %s, not %s", path, want, n.Kind)
}

func lastName(path string) string {
	if i := strings.LastIndexAny(path, ".["); i >= 0 {
		return path[i+1:]
	}
	return path
}

// member decodes the value of one member into req.
func (d *decoder) member(req *model.Request, m *model.Member, n *finding.Node, path string) {
	if n.Kind == finding.Unknown {
		d.doc.AddUnknown(path)
		return
	}
	switch m.Kind {
	case model.String:
		s, ok := d.str(n, path)
		if !ok {
			return
		}
		switch m.Name {
		case "UserPoolId":
			req.UserPoolId = s
		case "ClientId":
			req.ClientId = s
		case "ClientName":
			req.ClientName = s
		case "ClientSecret":
			req.ClientSecret = s
		case "DefaultRedirectURI":
			req.DefaultRedirectURI = s
		case "PreventUserExistenceErrors":
			req.PreventUserExistenceErrors = s
		}
	case model.Integer:
		v, ok := d.integer(n, path)
		if !ok {
			return
		}
		switch m.Name {
		case "RefreshTokenValidity":
			req.RefreshTokenValidity = v
		case "AccessTokenValidity":
			req.AccessTokenValidity = v
		case "IdTokenValidity":
			req.IdTokenValidity = v
		case "AuthSessionValidity":
			req.AuthSessionValidity = v
		}
	case model.Boolean:
		b, ok := d.boolean(n, path)
		if !ok {
			return
		}
		switch m.Name {
		case "GenerateSecret":
			req.GenerateSecret = b
		case "AllowedOAuthFlowsUserPoolClient":
			req.AllowedOAuthFlowsUserPoolClient = b
		case "EnableTokenRevocation":
			req.EnableTokenRevocation = b
		case "EnablePropagateAdditionalUserContextData":
			req.EnablePropagateAdditionalUserContextData = b
		}
	case model.StringList:
		l, ok := d.list(n, path)
		if !ok {
			return
		}
		switch m.Name {
		case "ReadAttributes":
			req.ReadAttributes = l
		case "WriteAttributes":
			req.WriteAttributes = l
		case "ExplicitAuthFlows":
			req.ExplicitAuthFlows = l
		case "SupportedIdentityProviders":
			req.SupportedIdentityProviders = l
		case "CallbackURLs":
			req.CallbackURLs = l
		case "LogoutURLs":
			req.LogoutURLs = l
		case "AllowedOAuthFlows":
			req.AllowedOAuthFlows = l
		case "AllowedOAuthScopes":
			req.AllowedOAuthScopes = l
		}
	case model.Timestamp:
		// Read-only dates of Describe output: a string or epoch seconds.
		if n.Kind != finding.String && n.Kind != finding.Number {
			d.typeError(path, m.Kind, n)
		}
	case model.Structure:
		d.structure(req, m, n, path)
	}
}

func (d *decoder) structure(req *model.Request, m *model.Member, n *finding.Node, path string) {
	if n.Kind != finding.Object {
		d.typeError(path, m.Kind, n)
		return
	}
	d.checkDuplicates(n, path)
	fields := map[string]*finding.Node{}
	for i := range n.Fields {
		f := &n.Fields[i]
		var sub *model.Member
		for j := range m.Members {
			if m.Members[j].Name == f.Key {
				sub = &m.Members[j]
			}
		}
		if sub == nil && d.counted("model-unknown-member") {
			continue // past what the output shows: no path, hint or fix built
		}
		p := path + "." + f.Key
		if sub == nil {
			names := make([]string, len(m.Members))
			for j := range m.Members {
				names[j] = m.Members[j].Name
			}
			hint := fmt.Sprintf("%s has the members %s", m.Name, strings.Join(names, ", "))
			s := nearest(f.Key, names, 3)
			if s != "" {
				hint = fmt.Sprintf("did you mean %q?", s)
			}
			d.report("model-unknown-member", p, true, hint, "unknown member %s in %s", quote(f.Key), m.Name)
			d.fixTypo(n, i, s, names)
			continue
		}
		if f.Value.Kind == finding.Unknown {
			d.doc.AddUnknown(p)
			fields[f.Key] = f.Value
			continue
		}
		fields[f.Key] = f.Value
	}
	str := func(key string) *string {
		if v := fields[key]; v != nil && v.Kind != finding.Unknown {
			s, _ := d.str(v, path+"."+key)
			return s
		}
		return nil
	}
	integer := func(key string) *int64 {
		if v := fields[key]; v != nil && v.Kind != finding.Unknown {
			i, _ := d.integer(v, path+"."+key)
			return i
		}
		return nil
	}
	boolean := func(key string) *bool {
		if v := fields[key]; v != nil && v.Kind != finding.Unknown {
			b, _ := d.boolean(v, path+"."+key)
			return b
		}
		return nil
	}
	switch m.Name {
	case "TokenValidityUnits":
		req.TokenValidityUnits = &model.TokenValidityUnits{
			AccessToken: str("AccessToken"), IdToken: str("IdToken"), RefreshToken: str("RefreshToken"),
		}
	case "AnalyticsConfiguration":
		req.AnalyticsConfiguration = &model.AnalyticsConfiguration{
			ApplicationId: str("ApplicationId"), ApplicationArn: str("ApplicationArn"), RoleArn: str("RoleArn"),
			ExternalId: str("ExternalId"), UserDataShared: boolean("UserDataShared"),
		}
	case "RefreshTokenRotation":
		req.RefreshTokenRotation = &model.RefreshTokenRotation{
			Feature: str("Feature"), RetryGracePeriodSeconds: integer("RetryGracePeriodSeconds"),
		}
	}
	for _, sub := range m.Members {
		if sub.RequiredInParent && fields[sub.Name] == nil {
			d.report("model-required-member", path+"."+sub.Name, false, fmt.Sprintf(`add "%s": "ENABLED" or "DISABLED"`, sub.Name),
				"%s.%s is required when %s is given", m.Name, sub.Name, m.Name)
		}
	}
}

func (d *decoder) str(n *finding.Node, path string) (*string, bool) {
	if n.Kind != finding.String {
		d.typeError(path, model.String, n)
		return nil, false
	}
	s := n.Str
	return &s, true
}

func (d *decoder) boolean(n *finding.Node, path string) (*bool, bool) {
	if n.Kind != finding.Bool {
		d.typeError(path, model.Boolean, n)
		return nil, false
	}
	b := n.Bool
	return &b, true
}

// integer reads an integer member. A number too large for int64 saturates so
// that the range rules report it with its literal.
func (d *decoder) integer(n *finding.Node, path string) (*int64, bool) {
	if n.Kind != finding.Number {
		d.typeError(path, model.Integer, n)
		return nil, false
	}
	v, err := strconv.ParseInt(n.Str, 10, 64)
	if err != nil {
		f, ferr := strconv.ParseFloat(n.Str, 64)
		whole := ferr == nil && f == math.Trunc(f) || math.IsInf(f, 0)
		switch {
		case isRangeError(err) || whole && math.Abs(f) >= 1<<63:
			// 9223372036854775808, 1e71, -1e400: a whole number beyond
			// int64. It saturates so that the range rules report it, and
			// the messages quote it as written.
			v = math.MaxInt64
			if strings.HasPrefix(n.Str, "-") {
				v = math.MinInt64
			}
			if d.clamped == nil {
				d.clamped = map[string]string{}
			}
			d.clamped[path] = n.Str
		case whole:
			v = int64(f) // 6e1, 60.0
		default:
			hint := ""
			if ferr == nil && math.Abs(f) < 1<<62 {
				hint = fmt.Sprintf("use a whole number such as %d", int64(math.Round(f)))
			}
			d.report("model-type", path, false, hint, "%s must be an integer, not %s", path, n.Str)
			return nil, false
		}
	}
	return &v, true
}

func isRangeError(err error) bool {
	ne, ok := err.(*strconv.NumError)
	return ok && ne.Err == strconv.ErrRange
}

// unclamp quotes the literals of clamped integers in the messages of
// findings at their paths, where a message printed the int64 bound.
func unclamp(fs []finding.Finding, clamped map[string]string) {
	for i := range fs {
		lit, ok := clamped[fs[i].Path]
		if !ok {
			continue
		}
		for _, b := range []int64{math.MaxInt64, math.MinInt64} {
			fs[i].Message = strings.ReplaceAll(fs[i].Message, strconv.FormatInt(b, 10), lit)
		}
	}
}

func (d *decoder) list(n *finding.Node, path string) ([]string, bool) {
	if n.Kind != finding.Array {
		d.typeError(path, model.StringList, n)
		return nil, false
	}
	l := make([]string, len(n.Items))
	for i, it := range n.Items {
		switch it.Kind {
		case finding.String:
			l[i] = it.Str
		case finding.Unknown:
			d.doc.AddUnknown(indexPath(path, i))
		case finding.Null:
			d.invalid.AddIndex(path, i)
			if !d.counted("model-null-value") {
				p := indexPath(path, i)
				d.report("model-null-value", p, false, "remove the null element", "%s is null: a list of strings cannot hold null", p)
			}
		default:
			d.invalid.AddIndex(path, i)
			if !d.counted("model-type") {
				p := indexPath(path, i)
				d.report("model-type", p, false, "", "%s must be a string, not %s", p, it.Kind)
			}
		}
	}
	return l, true
}

// tooFar reports whether s is longer than every candidate by more than
// maxDist runes, judged by its bytes (a rune is at most 4): then no
// candidate is within maxDist edits, and a key or value of megabytes costs
// no edit distance (which takes time and memory in its length times the
// candidate's).
func tooFar(s string, candidates []string, maxDist int) bool {
	longest := 0
	for _, c := range candidates {
		longest = max(longest, len(c))
	}
	return len(s)/4 > longest+maxDist
}

func appendUnique(l []string, s string) []string {
	for _, x := range l {
		if x == s {
			return l
		}
	}
	return append(l, s)
}

// nearest returns the candidate closest to s (case-insensitive first, then
// by edit distance at most maxDist), or "".
func nearest(s string, candidates []string, maxDist int) string {
	if tooFar(s, candidates, maxDist) {
		return ""
	}
	for _, c := range candidates {
		if strings.EqualFold(c, s) {
			return c
		}
	}
	best, bestD := "", maxDist+1
	ls := strings.ToLower(s)
	for _, c := range candidates {
		if dist := levenshtein.ComputeDistance(ls, strings.ToLower(c)); dist < bestD {
			best, bestD = c, dist
		}
	}
	return best
}
