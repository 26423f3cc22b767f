package finding

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestPositionOnLongLines checks the checkpoints of long lines against
// counting from the line start, on a line of ASCII, multi-byte characters
// and invalid bytes.
func TestPositionOnLongLines(t *testing.T) {
	var b bytes.Buffer
	b.WriteString("{\n")
	r := rand.New(rand.NewPCG(1, 2))
	parts := []string{"a", "é", "€", "𝄞", "\xff", "\xe2\x82", " "}
	for b.Len() < 20*markEvery {
		b.WriteString(parts[r.IntN(len(parts))])
	}
	b.WriteString("\nx\n")
	s := &Source{Text: b.Bytes()}
	for off := 0; off < len(s.Text); off += 1 + r.IntN(97) {
		line, col, _ := s.Position(off, off)
		start := bytes.LastIndexByte(s.Text[:off], '\n') + 1
		wantLine := bytes.Count(s.Text[:off], []byte("\n")) + 1
		if want := utf8.RuneCount(s.Text[start:off]) + 1; line != wantLine || col != want {
			t.Fatalf("offset %d: %d:%d, want %d:%d", off, line, col, wantLine, want)
		}
	}
}

// TestPathSetAgreesWithOverlaps compares the set's answers with Overlaps
// and the containment it defines, path by path.
func TestPathSetAgreesWithOverlaps(t *testing.T) {
	members := []string{"CallbackURLs[3]", "A.B", "TokenValidityUnits", "X[1].Y", "a.b[2]", "L[07]", "L[70]", "M[0][2]", "[4]", "N[99999999]"}
	queries := []string{"", "CallbackURLs", "CallbackURLs[3]", "CallbackURLs[30]", "CallbackURLs[3].x", "A", "A.B", "A.B.C", "A.BC",
		"TokenValidityUnits.IdToken", "TokenValidityUnit", "X", "X[1]", "X[1].Y[0]", "X[1].Z", "a.b", "a.b[2]", "a.b[22]",
		"L", "L[7]", "L[07]", "L[70]", "L[70].x", "M", "M[0]", "M[0][2]", "M[0][3]", "M[2]", "[4]", "[40]", "N", "N[99999999]", "N[9]"}
	for n := 0; n <= len(members); n++ {
		set := NewPathSet(members[:n])
		doc := &Document{Unknown: members[:n]}
		for _, q := range queries {
			covers, overlaps := false, false
			for _, u := range members[:n] {
				covers = covers || u == q || within(q, u)
				overlaps = overlaps || Overlaps(q, u)
			}
			if set.Covers(q) != covers || doc.IsUnknown(q) != covers {
				t.Errorf("%v: Covers(%q) = %v, want %v", members[:n], q, set.Covers(q), covers)
			}
			if set.Overlaps(q) != overlaps || doc.HasUnknown(q) != overlaps {
				t.Errorf("%v: Overlaps(%q) = %v, want %v", members[:n], q, set.Overlaps(q), overlaps)
			}
		}
	}
	// The root "" holds everything.
	if s := NewPathSet([]string{""}); !s.Covers("A.B") || !s.Overlaps("") {
		t.Error(`"" must cover every path`)
	}
}

// TestAddUnknownAfterAppend: readers append to Unknown directly; the index
// catches up.
func TestAddUnknownAfterAppend(t *testing.T) {
	d := &Document{}
	d.AddUnknown("A")
	d.Unknown = append(d.Unknown, "B[1]")
	if !d.IsUnknown("B[1].C") || !d.HasUnknown("B") || d.IsUnknown("C") {
		t.Error("index missed an appended path")
	}
	d.AddUnknown("A")
	d.AddUnknown("B[1]")
	if strings.Join(d.Unknown, ",") != "A,B[1]" {
		t.Errorf("Unknown = %v", d.Unknown)
	}
}

func TestLineRedactsOverlappingRanges(t *testing.T) {
	s := &Source{Text: []byte(`x "abcdefgh" y`)}
	s.Redact = [][2]int{{3, 11}, {5, 8}, {6, 11}, {4, 13}}
	if l, _ := s.Line(1); l != `x "****y` {
		t.Errorf("got %s", l)
	}
}

func TestSecretKey(t *testing.T) {
	for _, k := range []string{"ClientSecret", "clientSecret", "client_secret", "CLIENT-SECRET", "ClientSecert", "ClientScret", "ClientSecrets", "Client Secret"} {
		if !SecretKey(k) {
			t.Errorf("%q is a secret key", k)
		}
	}
	for _, k := range []string{"GenerateSecret", "ClientId", "ClientName", "Secret", "client", "UserPoolId", "clientsecretarnvalue"} {
		if SecretKey(k) {
			t.Errorf("%q is not a secret key", k)
		}
	}
}

// TestSecretKeyQuickTest: the letter-count test never rejects a key within
// two edits of "clientsecret" (every key up to three random edits away,
// and others), so SecretKey agrees with the edit distance alone.
func TestSecretKeyQuickTest(t *testing.T) {
	const want = "clientsecret"
	rng := rand.New(rand.NewPCG(1, 2))
	edit := func(s []byte) []byte {
		c := byte('a' + rng.IntN(26))
		switch i := rng.IntN(len(s) + 1); rng.IntN(3) {
		case 0: // insert
			return slices.Insert(s, i, c)
		case 1: // delete
			if i < len(s) {
				return slices.Delete(s, i, i+1)
			}
		default: // substitute
			if i < len(s) {
				s[i] = c
			}
		}
		return s
	}
	for range 20000 {
		k := []byte(want)
		for range rng.IntN(4) {
			k = edit(k)
		}
		if len(k) == 0 {
			continue
		}
		if got, wantOK := SecretKey(string(k)), editDistance(k, want) <= 2; got != wantOK {
			t.Fatalf("SecretKey(%q) = %v, edit distance %d", k, got, editDistance(k, want))
		}
	}
}

// TestPathSetIndexes: AddIndex adds what Add adds for the element's path,
// and a list's elements cost a bit each, not a string and map entries.
func TestPathSetIndexes(t *testing.T) {
	byPath, byIndex := &PathSet{}, &PathSet{}
	for _, i := range []int{0, 5, 64, 5, 1000} {
		if a, b := byPath.Add(fmt.Sprintf("L[%d]", i)), byIndex.AddIndex("L", i); a != b {
			t.Errorf("L[%d]: Add %v, AddIndex %v", i, a, b)
		}
	}
	for _, q := range []string{"", "L", "L[0]", "L[5]", "L[6]", "L[64]", "L[1000]", "L[1000].x", "L[05]", "K"} {
		if byPath.Covers(q) != byIndex.Covers(q) || byPath.Overlaps(q) != byIndex.Overlaps(q) {
			t.Errorf("%q: Add and AddIndex disagree", q)
		}
	}
	if byPath.Len() != 4 || byIndex.Len() != 4 {
		t.Errorf("Len %d and %d, want 4", byPath.Len(), byIndex.Len())
	}
	const n = 100_000
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	s := &PathSet{}
	for i := range n {
		s.AddIndex("ExplicitAuthFlows", i)
	}
	runtime.ReadMemStats(&after)
	if per := float64(after.TotalAlloc-before.TotalAlloc) / n; per > 1 {
		t.Errorf("%.1f bytes per element", per)
	}
	if !s.Covers("ExplicitAuthFlows[99999]") || s.Covers("ExplicitAuthFlows[100000]") || s.Len() != n {
		t.Error("wrong members")
	}
}
