package validate

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/cognitolint/cognitolint/finding"
	"github.com/cognitolint/cognitolint/input"
	"github.com/cognitolint/cognitolint/policy"
	"github.com/cognitolint/cognitolint/rules"
)

// Inline suppressions: comments "# cognitolint:ignore RULE[,RULE…] --
// REASON" in YAML and HCL files (where they apply comes from the parsers,
// see input.Comments) and CloudFormation resource
// Metadata: {cognitolint: {ignore: [{rule: ID, reason: TEXT}]}} (as
// cfn-lint reads Metadata: cfn-lint). A suppressed finding moves to
// Report.Suppressed with the suppression's reason. A suppression that
// suppresses nothing, or cannot apply (no reason, an unknown rule, a
// comment before no value), is an unused-suppression finding; one that
// cannot apply suppresses nothing, so the finding it meant stays.

const unusedSuppression = "unused-suppression"

// inline is one suppression written in a file.
type inline struct {
	rules  []string // IDs or globs
	reason string
	// A comment covers the lines from..to; a Metadata entry covers its
	// resource.
	from, to int
	resource string
	metadata bool
	// Where it is written, for its own findings.
	line, col, length int
	// bad says why it cannot apply; "" when it can.
	bad, hint string
	used      []bool // per rule
}

// inlineSuppressions reads the suppressions of a file read into res.
func (l *Linter) inlineSuppressions(res *input.Result) []*inline {
	var out []*inline
	for _, c := range input.Comments(*res) {
		s := &inline{from: c.From, to: c.To, line: c.Line, col: c.Col, length: c.Len}
		s.parseComment(c.Text)
		if s.bad == "" && c.From == 0 {
			s.bad = "this cognitolint:ignore stands before no value (after the last one of its block), so it suppresses nothing"
			s.hint = "put it at the end of the offending line, alone on the line above it, or above the resource's first line"
		}
		out = append(out, s)
	}
	for _, doc := range res.Docs {
		out = append(out, metadataSuppressions(doc)...)
	}
	for _, s := range out {
		if s.bad != "" {
			continue
		}
		for _, r := range s.rules {
			if l.opts.NoBaseline && !slices.Contains(l.ids, r) {
				if ids, _ := BaselineRuleIDs(); ids[r] {
					// A rule of the baseline pack, left out of this run:
					// not unknown, just not run (not live).
					continue
				}
			}
			if err := checkRulePattern(r, l.ids); err != nil {
				var unknown *UnknownRuleError
				if errors.As(err, &unknown) {
					s.bad = fmt.Sprintf("the suppression names rule %q, which does not exist", r)
					s.hint = "`cognitolint rules` lists the rule IDs"
					if unknown.Suggestion != "" {
						s.hint = fmt.Sprintf("did you mean %q? `cognitolint rules` lists the rule IDs", unknown.Suggestion)
					}
				} else {
					s.bad = fmt.Sprintf("the suppression names %v", err)
				}
				break
			}
		}
		s.used = make([]bool, len(s.rules))
	}
	return out
}

// parseComment reads "# cognitolint:ignore a,b -- reason" (or "//").
func (s *inline) parseComment(text string) {
	body := strings.TrimSpace(text)
	if strings.HasPrefix(body, "//") {
		body = body[2:]
	} else {
		body = strings.TrimPrefix(body, "#")
	}
	body = strings.TrimPrefix(strings.TrimSpace(body), input.DirectiveMarker)
	const example = "# cognitolint:ignore RULE[,RULE…] -- REASON"
	if body != "" && body[0] != ' ' && body[0] != '\t' {
		s.bad = fmt.Sprintf("%q is not a comment cognitolint reads, so it suppresses nothing", text)
		s.hint = "write " + example + "; for a whole file, use an ignore entry with paths: in .cognitolint.yaml"
		return
	}
	list, reason, ok := cutReason(body)
	spaced := false
	for _, r := range strings.Split(list, ",") {
		if r = strings.TrimSpace(r); r != "" {
			s.rules = append(s.rules, r)
			spaced = spaced || strings.ContainsAny(r, " \t")
		}
	}
	s.reason = strings.TrimSpace(reason)
	switch {
	case len(s.rules) == 0:
		s.bad = "this cognitolint:ignore names no rule, so it suppresses nothing"
		s.hint = "write " + example
	case spaced:
		s.bad = fmt.Sprintf("the rules of this cognitolint:ignore (%q) are separated by spaces", strings.TrimSpace(list))
		s.hint = "separate rules with commas, and the reason with \" -- \": " + example
	case !ok || s.reason == "":
		s.bad = "this cognitolint:ignore has no reason, so it suppresses nothing"
		s.hint = "say why after \" -- \": " + example
	}
}

// cutReason splits "a,b -- reason" at the first "--" that starts a word.
func cutReason(s string) (list, reason string, ok bool) {
	for i := 0; i+1 < len(s); i++ {
		if s[i] == '-' && s[i+1] == '-' && (i == 0 || s[i-1] == ' ' || s[i-1] == '\t') {
			return s[:i], s[i+2:], true
		}
	}
	return s, "", false
}

// metadataSuppressions reads a CloudFormation resource's
// Metadata.cognitolint.ignore entries; each covers the resource.
func metadataSuppressions(doc *finding.Document) []*inline {
	md := doc.Metadata.Get("cognitolint")
	if md == nil {
		return nil
	}
	at := func(n *finding.Node, bad, hint string) *inline {
		s := &inline{resource: doc.Resource, metadata: true, bad: bad, hint: hint}
		s.line, s.col, s.length = doc.Position(n.Pos)
		return s
	}
	const shape = "write Metadata: {cognitolint: {ignore: [{rule: ID, reason: TEXT}]}}"
	ig := md.Get("ignore")
	if md.Kind != finding.Object || ig == nil || ig.Kind != finding.Array {
		return []*inline{at(md, "Metadata.cognitolint of "+doc.Resource+" is not of the shape cognitolint reads, so it suppresses nothing", shape)}
	}
	var out []*inline
	for _, e := range ig.Items {
		rule, reason := e.Get("rule"), e.Get("reason")
		switch {
		case e.Kind != finding.Object || rule == nil || rule.Kind != finding.String || strings.TrimSpace(rule.Str) == "":
			out = append(out, at(e, "an entry of Metadata.cognitolint.ignore of "+doc.Resource+" names no rule, so it suppresses nothing", shape))
		case reason == nil || reason.Kind != finding.String || strings.TrimSpace(reason.Str) == "":
			out = append(out, at(e, "the Metadata.cognitolint.ignore entry for "+rule.Str+" of "+doc.Resource+" has no reason, so it suppresses nothing",
				"say why: {rule: "+rule.Str+", reason: TEXT}"))
		default:
			if extra := unknownKey(e, "rule", "reason"); extra != "" {
				out = append(out, at(e, fmt.Sprintf("unknown key %q in a Metadata.cognitolint.ignore entry of %s, so it suppresses nothing", extra, doc.Resource),
					"the keys are rule and reason"))
				continue
			}
			s := at(e, "", "")
			s.rules, s.reason = []string{strings.TrimSpace(rule.Str)}, strings.TrimSpace(reason.Str)
			out = append(out, s)
		}
	}
	return out
}

func unknownKey(n *finding.Node, keys ...string) string {
	for _, f := range n.Fields {
		known := false
		for _, k := range keys {
			known = known || f.Key == k
		}
		if !known {
			return f.Key
		}
	}
	return ""
}

// covers reports whether s applies to f by position (or resource), and
// which of its rules matches f's rule (-1 if none).
func (s *inline) covers(f *Finding) int {
	if s.bad != "" {
		return -1
	}
	if s.metadata {
		if f.Resource != s.resource {
			return -1
		}
	} else if f.Line < s.from || f.Line > s.to {
		return -1
	}
	for i, r := range s.rules {
		if matchAny([]string{r}, f.Rule) {
			return i
		}
	}
	return -1
}

// applyInline moves the findings an inline suppression covers to
// rep.Suppressed and adds an unused-suppression finding for each
// suppression (or rule of one) that suppressed nothing.
func (l *Linter) applyInline(rep *Report, sups []*inline, file string) {
	// Rules with findings counted but not shown: a suppression of one of
	// those is not unused.
	var capped map[string]bool
	for i := range rep.Findings {
		if rules.IsCapNote(&rep.Findings[i]) {
			if capped == nil {
				capped = map[string]bool{}
			}
			capped[rep.Findings[i].Rule] = true
		}
	}
	chosen := firstCovering(rep.Findings, sups)
	kept := rep.Findings[:0]
	for k, f := range rep.Findings {
		if c := chosen[k]; c.sup >= 0 {
			s := sups[c.sup]
			s.used[c.rule] = true
			f.Reason, f.InSource = s.reason, true
			rep.Suppressed = append(rep.Suppressed, f)
			continue
		}
		kept = append(kept, f)
	}
	rep.Findings = kept
	if l.disabled[unusedSuppression] {
		return
	}
	sev := Info
	if s, ok := l.severity[unusedSuppression]; ok {
		sev = s
	}
	first := len(rep.Findings)
	defer func() {
		// One unused suppression a line could be a million of them.
		rep.Findings = append(rep.Findings[:first], rules.CapFindings(rep.Findings[first:])...)
	}()
	for _, s := range sups {
		f := Finding{Rule: unusedSuppression, Severity: sev, File: file, Line: s.line, Column: s.col, Length: s.length,
			Layer: finding.LayerGo}
		if s.metadata {
			f.Resource = s.resource
		}
		if s.bad != "" {
			f.Message, f.Hint = s.bad, s.hint
			rep.Findings = append(rep.Findings, f)
			continue
		}
		for i, r := range s.rules {
			if s.used[i] || !l.live(r) || cappedMatch(capped, r) {
				continue
			}
			f := f
			switch {
			case s.metadata:
				f.Message = fmt.Sprintf("the Metadata suppression of %s matches no finding of %s", r, s.resource)
				f.Hint = "remove the entry: the problem it waived is gone"
			case s.from == s.to:
				f.Message = fmt.Sprintf("the suppression of %s matches no finding on line %d", r, s.from)
				f.Hint = "remove it: the problem it waived is gone or has moved"
			default:
				f.Message = fmt.Sprintf("the suppression of %s matches no finding on lines %d–%d", r, s.from, s.to)
				f.Hint = "remove it: the problem it waived is gone or has moved"
			}
			if len(s.rules) > 1 {
				f.Hint = fmt.Sprintf("remove %s from the comment: the problem it waived is gone or has moved", r)
			}
			rep.Findings = append(rep.Findings, f)
		}
	}
}

// choice is the suppression that covers a finding (its index in the
// file's suppressions, -1 if none) and which of its rules matched.
type choice struct{ sup, rule int }

// firstCovering returns, for each finding, the first suppression (in the
// file's order) that covers it: what a scan of every suppression for every
// finding gives, without its cost (200,000 directives and 6,000 findings
// took seconds). Comments are swept by line, findings in line order, over
// the suppressions whose lines hold the finding's; suppressions written
// alike (same lines, same rules) are one, the first; Metadata entries are
// looked up by resource.
func firstCovering(fs []Finding, sups []*inline) []choice {
	out := make([]choice, len(fs))
	for i := range out {
		out[i] = choice{-1, -1}
	}
	if len(sups) == 0 {
		return out
	}
	byResource := map[string][]int{}
	var lines []int // representatives of comment suppressions, by from
	seen := map[string]bool{}
	for i, s := range sups {
		switch {
		case s.bad != "":
		case s.metadata:
			byResource[s.resource] = append(byResource[s.resource], i)
		default:
			key := fmt.Sprint(s.from, s.to, s.rules)
			if !seen[key] {
				seen[key] = true
				lines = append(lines, i)
			}
		}
	}
	slices.SortStableFunc(lines, func(a, b int) int { return cmp.Compare(sups[a].from, sups[b].from) })
	order := make([]int, len(fs))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(fs[a].Line, fs[b].Line) })
	var active []int // representatives whose lines may hold the next finding
	next := 0
	for _, k := range order {
		f := &fs[k]
		for next < len(lines) && sups[lines[next]].from <= f.Line {
			active = append(active, lines[next])
			next++
		}
		active = slices.DeleteFunc(active, func(i int) bool { return sups[i].to < f.Line })
		best := choice{-1, -1}
		consider := func(i int) {
			if best.sup >= 0 && i > best.sup {
				return
			}
			if r := sups[i].covers(f); r >= 0 {
				best = choice{i, r}
			}
		}
		for _, i := range active {
			consider(i)
		}
		for _, i := range byResource[f.Resource] {
			consider(i)
		}
		out[k] = best
	}
	return out
}

// cappedMatch reports whether the rule pattern of a suppression names a
// rule in capped.
func cappedMatch(capped map[string]bool, pattern string) bool {
	for id := range capped {
		if matchAny([]string{pattern}, id) {
			return true
		}
	}
	return false
}

// live reports whether a rule pattern names a rule that runs: a
// suppression of rules turned off in this run is not reported unused, as
// whether it would match is not known.
func (l *Linter) live(pattern string) bool {
	for _, id := range l.ids {
		if !l.disabled[id] && matchAny([]string{pattern}, id) {
			return true
		}
	}
	return false
}

// BaselineRuleIDs returns the IDs of the baseline pack's rules, loaded once
// per process (the pack is embedded: the list never changes). A run
// without the baseline still knows them, so that naming one (a config's
// rules:, a suppression) is not an unknown rule.
var BaselineRuleIDs = sync.OnceValues(func() (map[string]bool, error) {
	e, err := policy.Load(policy.Options{})
	if err != nil {
		return nil, err
	}
	ids := map[string]bool{}
	for _, r := range e.Rules() {
		if r.Baseline {
			ids[r.ID] = true
		}
	}
	return ids, nil
})
