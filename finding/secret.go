package finding

// SecretKey reports whether a member name looks like "client secret":
// ClientSecret, clientSecret, client_secret, CLIENT-SECRET, and misspelt
// ones such as ClientSecert or ClientScret. Letter case and everything but
// letters are ignored; what remains is within two edits of
// "clientsecret". A value under such a key is a secret wherever it is
// written and whatever its type: no output shows it and policies see
// "****" (issue 8, item 5: redaction must not depend on the key being spelt
// right).
func SecretKey(key string) bool {
	const want = "clientsecret"
	var buf [24]byte
	n := 0
	for i := 0; i < len(key); i++ {
		c := key[i]
		switch {
		case c >= 'A' && c <= 'Z':
			c += 'a' - 'A'
		case c >= 'a' && c <= 'z':
		default:
			continue
		}
		if n == len(buf) {
			return false
		}
		buf[n] = c
		n++
	}
	if n < len(want)-2 || n > len(want)+2 || !lettersNear(buf[:n], want) {
		return false
	}
	return editDistance(buf[:n], want) <= 2
}

// lettersNear is a quick test that a and b (lower-case letters) can be
// within two edits: an edit changes the count of at most two letters by
// one, so two edits change the letter counts by at most 4 in all. Most
// member names fail it, and need no edit distance.
func lettersNear(a []byte, b string) bool {
	var count [26]int8
	for _, c := range a {
		count[c-'a']++
	}
	for i := 0; i < len(b); i++ {
		count[b[i]-'a']--
	}
	diff := 0
	for _, c := range count {
		if c < 0 {
			c = -c
		}
		diff += int(c)
	}
	return diff <= 4
}

// editDistance is the Levenshtein distance of a and b (short strings).
func editDistance(a []byte, b string) int {
	var prev, cur [32]int
	for j := 0; j <= len(b); j++ {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}
