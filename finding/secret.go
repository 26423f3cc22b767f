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
	if n < len(want)-2 || n > len(want)+2 {
		return false
	}
	return editDistance(buf[:n], want) <= 2
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
