package rules

import (
	"fmt"
	"strings"

	"github.com/cognitolint/cognitolint/finding"
)

// MaxPerRule is how many findings of one rule one document shows. A
// hostile or generated file (200,000 http callback URLs) would otherwise
// print a finding per element, and locating each costs time; past the
// bound, one more finding of the same rule says how many were left out.
const MaxPerRule = 100

// capper counts the findings of each rule of one document.
type capper struct {
	n     map[string]int // findings seen per rule
	notes map[string]int // per capped rule, the index of its note
}

type capAction int

const (
	capKeep capAction = iota // one of the first MaxPerRule
	capNote                  // the first past the bound: it becomes the note
	capOmit                  // counted only
)

// keep counts a finding of rule and says what to do with it.
func (c *capper) keep(rule string) capAction {
	if c.n == nil {
		c.n = map[string]int{}
	}
	c.n[rule]++
	switch n := c.n[rule]; {
	case n <= MaxPerRule:
		return capKeep
	case n == MaxPerRule+1:
		return capNote
	}
	return capOmit
}

// add counts n findings of rule that are never built (result.more).
func (c *capper) add(rule string, n int) {
	if c.n == nil {
		c.n = map[string]int{}
	}
	c.n[rule] += n
}

// at records that the note of rule is findings[i].
func (c *capper) at(rule string, i int) {
	if c.notes == nil {
		c.notes = map[string]int{}
	}
	c.notes[rule] = i
}

// IsCapNote reports whether f is the note of a rule whose findings in its
// document were more than MaxPerRule: findings of that rule exist that no
// output shows (a suppression of one of them is not unused).
func IsCapNote(f *finding.Finding) bool {
	return strings.Contains(f.Message, " more findings of "+f.Rule+" in this document are not shown")
}

// note rewrites the message of each note: the first finding left out,
// saying how many were.
func (c *capper) note(findings []finding.Finding) {
	for rule, i := range c.notes {
		f := &findings[i]
		f.Message = fmt.Sprintf("%d more findings of %s in this document are not shown (the first %d are); the next: %s",
			c.n[rule]-MaxPerRule, rule, MaxPerRule, f.Message)
	}
}

// CapFindings bounds the findings of each rule to MaxPerRule, in the given
// order, as Check does: the first finding past the bound stays, its message
// saying how many more there were. fs holds the findings of one document
// (policy findings); it is modified in place.
func CapFindings(fs []finding.Finding) []finding.Finding {
	if len(fs) <= MaxPerRule {
		return fs
	}
	var c capper
	out := fs[:0]
	for _, f := range fs {
		switch c.keep(f.Rule) {
		case capOmit:
			continue
		case capNote:
			c.at(f.Rule, len(out))
		}
		out = append(out, f)
	}
	c.note(out)
	return out
}
