package finding

import (
	"bytes"
	"math/rand/v2"
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
	members := []string{"CallbackURLs[3]", "A.B", "TokenValidityUnits", "X[1].Y", "a.b[2]"}
	queries := []string{"", "CallbackURLs", "CallbackURLs[3]", "CallbackURLs[30]", "CallbackURLs[3].x", "A", "A.B", "A.B.C", "A.BC",
		"TokenValidityUnits.IdToken", "TokenValidityUnit", "X", "X[1]", "X[1].Y[0]", "X[1].Z", "a.b", "a.b[2]", "a.b[22]"}
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
