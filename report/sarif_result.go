package report

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"strconv"
	"strings"

	"github.com/cognitolint/cognitolint/finding"
)

// A result as the log holds it, encoded directly: the fields of each
// struct are in name order and empty ones left out, which is what building
// it with go-sarif and pruning it (pruneJSON) gives, at a fraction of the
// cost — the results are what a log of many files is made of. Fixes, rare,
// are still built with go-sarif (sarifFix) and pruned. TestStreamsMatchOracles
// holds the two equal.
type sarifResultJSON struct {
	Fixes               []json.RawMessage `json:"fixes,omitempty"`
	Kind                string            `json:"kind"`
	Level               string            `json:"level"`
	Locations           []sarifLocation   `json:"locations,omitempty"`
	Message             sarifText         `json:"message"`
	PartialFingerprints map[string]string `json:"partialFingerprints"`
	Properties          *sarifProps       `json:"properties,omitempty"`
	RuleID              string            `json:"ruleId"`
	RuleIndex           int               `json:"ruleIndex"`
	Suppressions        []sarifSupp       `json:"suppressions,omitempty"`
}

type sarifText struct {
	Text string `json:"text"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysical `json:"physicalLocation"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifact `json:"artifactLocation"`
	Region           sarifRegion   `json:"region"`
}

type sarifArtifact struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId"`
}

type sarifRegion struct {
	EndColumn   int `json:"endColumn,omitempty"`
	StartColumn int `json:"startColumn,omitempty"`
	StartLine   int `json:"startLine"`
}

type sarifProps struct {
	Path     string `json:"path,omitempty"`
	Policy   string `json:"policy,omitempty"`
	Resource string `json:"resource,omitempty"`
}

type sarifSupp struct {
	Justification string `json:"justification,omitempty"`
	Kind          string `json:"kind"`
	Status        string `json:"status"`
}

// buildResult returns f's result: what sarifResult builds, with its rule
// index and, for a suppressed finding, its suppression. seen counts
// fingerprints, as for sarifResult.
func buildResult(f *finding.Finding, base string, seen map[string]int, ruleIndex int, suppressed bool) (*sarifResultJSON, error) {
	msg := f.Message
	if f.Hint != "" {
		msg += "\nhint: " + f.Hint
	}
	res := sarifResultJSON{Kind: "fail", Level: sarifLevel(f.Severity), Message: sarifText{msg}, RuleID: f.Rule, RuleIndex: ruleIndex}
	uri := fileURI(f.File, base)
	if uri != "" {
		// GitHub needs region.startLine; a finding with no position is put
		// on line 1.
		region := sarifRegion{StartLine: max(f.Line, 1)}
		if f.Line > 0 && f.Column > 0 {
			region.StartColumn = f.Column
			if f.Length > 0 {
				region.EndColumn = f.Column + f.Length
			}
		}
		res.Locations = []sarifLocation{{sarifPhysical{sarifArtifact{uri, srcRoot}, region}}}
	}
	if f.Path != "" || f.Resource != "" || f.Policy != "" {
		res.Properties = &sarifProps{Path: f.Path, Policy: f.Policy, Resource: f.Resource}
	}
	res.PartialFingerprints = map[string]string{fingerprintKey: fingerprint(f, uri, seen)}
	if suppressed {
		res.Suppressions = []sarifSupp{{Justification: f.Reason, Kind: suppressionKind(f), Status: "accepted"}}
	}
	if f.Fix != nil {
		b, err := json.Marshal(sarifFix(f.Fix, base))
		if err != nil {
			return nil, err
		}
		if b, err = pruneJSON(b, ""); err != nil {
			return nil, err
		}
		res.Fixes = []json.RawMessage{b}
	}
	return &res, nil
}

// encodeIndented encodes v as the log holds it, each line after the first
// starting with prefix; prefix "" and no indent give compact JSON.
func encodeIndented(v any, prefix, indent string) ([]byte, error) {
	var out bytes.Buffer
	enc := json.NewEncoder(&out)
	enc.SetEscapeHTML(false)
	if indent != "" {
		enc.SetIndent(prefix, indent)
	}
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(out.Bytes(), []byte("\n")), nil
}

// fingerprint is a result's partial fingerprint. It leaves out line and
// column so that an edit elsewhere in the file keeps the alert; two
// findings that hash alike are told apart by their order.
func fingerprint(f *finding.Finding, uri string, seen map[string]int) string {
	h := sha256.Sum256([]byte(strings.Join([]string{f.Rule, uri, f.Resource, f.Path}, "\x00")))
	fp := hex.EncodeToString(h[:16])
	seen[fp]++
	if n := seen[fp]; n > 1 {
		fp += ":" + strconv.Itoa(n)
	}
	return fp
}
