package store

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"unicode/utf8"
)

// MaxTextRunes caps every stored piece of text: long enough for any real
// question (Discord's own option limit is 6000 characters, students write a
// sentence), short enough that one paste cannot fill the file.
const MaxTextRunes = 500

// userHashLen is the number of hex digits of the HMAC kept: 64 bits makes a
// collision among a class's students vanishingly unlikely while keeping
// records short.
const userHashLen = 16

// hashUser returns the pseudonym of a Discord user ID; an empty ID (a message
// with no author, as in tests or webhooks) stays empty rather than becoming
// one shared pseudonym.
func (s *Store) hashUser(userID string) string {
	if userID == "" {
		return ""
	}
	m := hmac.New(sha256.New, s.salt)
	m.Write([]byte(userID))
	return hex.EncodeToString(m.Sum(nil))[:userHashLen]
}

// clip makes text valid UTF-8 and cuts it to MaxTextRunes runes, trimming
// the outer space so that display and counting agree.
func clip(text string) string {
	text = strings.TrimSpace(strings.ToValidUTF8(text, "\uFFFD"))
	if utf8.RuneCountInString(text) <= MaxTextRunes {
		return text
	}
	n := 0
	for i := range text {
		if n == MaxTextRunes {
			return strings.TrimSpace(text[:i])
		}
		n++
	}
	return text
}

// normalize folds the variations of one question into one counting key:
// case, runs of white space, and trailing "?", "!" or "." all differ between
// students asking the same thing.
func normalize(text string) string {
	text = strings.Join(strings.Fields(strings.ToLower(text)), " ")
	if t := strings.TrimRight(text, "?!. "); t != "" {
		return t
	}
	return text // all punctuation: keep it rather than count it as nothing
}
