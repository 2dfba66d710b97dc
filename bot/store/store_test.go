package store_test

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/explainbot/explainbot/bot/store"
)

func TestReopenKeepsRecords(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data", "nested") // Open must create it
	s := open(t, dir, store.Options{})
	mustQuestion(t, s, store.Question{Text: "What is a transformer?", UserID: "111", Guild: "g1", At: at(1)})
	mustQuestion(t, s, store.Question{Text: "Is RAG fine-tuning?", UserID: "222", Guild: "g1",
		Kind: store.LowConfidence, Score: 0.42, At: at(2)})
	mustFeedback(t, s, store.Feedback{AnswerKey: "llm#tokens", Heading: "Tokens", Question: "what is a token",
		Helpful: false, UserID: "111", At: at(3)})
	wantReport := report(t, s, 0)
	wantFeedback := feedback(t, s, 0)
	if err := s.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}

	s = open(t, dir, store.Options{})
	if got := report(t, s, 0); !reflect.DeepEqual(got, wantReport) {
		t.Errorf("questions after reopen:\n got %+v\nwant %+v", got, wantReport)
	}
	if len(wantReport.Latest) != 2 || wantReport.Latest[0].Kind != store.LowConfidence || wantReport.Latest[0].Score != 0.42 {
		t.Errorf("questions before close = %+v, want the low-confidence one (score 0.42) first of two", wantReport.Latest)
	}
	if got := feedback(t, s, 0); !reflect.DeepEqual(got, wantFeedback) {
		t.Errorf("feedback after reopen:\n got %+v\nwant %+v", got, wantFeedback)
	}

	// The salt survived too: the same student changing their mind after the
	// restart replaces the old vote rather than adding a second one.
	mustFeedback(t, s, store.Feedback{AnswerKey: "llm#tokens", Heading: "Tokens", Question: "What is a token?",
		Helpful: true, UserID: "111", At: at(4)})
	want := []store.FeedbackCount{{AnswerKey: "llm#tokens", Heading: "Tokens", Helpful: 1}}
	if got := feedback(t, s, 0); !reflect.DeepEqual(got, want) {
		t.Errorf("feedback after re-vote across reopen:\n got %+v\nwant %+v", got, want)
	}
}

func TestUserIDsNotStoredInClear(t *testing.T) {
	const userID = "739184620571938462" // a Discord snowflake
	const marker = "where-does-this-question-end-up"
	dir := t.TempDir()
	s := open(t, dir, store.Options{})
	mustQuestion(t, s, store.Question{Text: marker, UserID: userID, Guild: "g"})
	mustFeedback(t, s, store.Feedback{AnswerKey: "a#b", Heading: "B", Question: marker, UserID: userID})
	pseudonym := report(t, s, 1).Latest[0].User
	if err := s.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}

	raw, err := os.ReadFile(filepath.Join(dir, store.FileName))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(raw), marker) {
		t.Fatalf("question text %q not found in the raw file: the scan below would prove nothing", marker)
	}
	if strings.Contains(string(raw), userID) {
		t.Errorf("user ID %s found in clear in %s", userID, store.FileName)
	}
	if len(pseudonym) != 16 || strings.Trim(pseudonym, "0123456789abcdef") != "" {
		t.Errorf("pseudonym = %q, want 16 lowercase hex digits", pseudonym)
	}

	s = open(t, dir, store.Options{})
	mustQuestion(t, s, store.Question{Text: "again", UserID: userID})
	if got := report(t, s, 1).Latest[0].User; got != pseudonym {
		t.Errorf("pseudonym after reopen = %q, want %q (salt must persist)", got, pseudonym)
	}

	// Another data directory gets its own random salt, so pseudonyms do not
	// link the same student across installations.
	other := open(t, t.TempDir(), store.Options{})
	mustQuestion(t, other, store.Question{Text: "again", UserID: userID})
	if got := report(t, other, 1).Latest[0].User; got == pseudonym {
		t.Errorf("pseudonym in a fresh store = %q, same as the first store's: salt is not random", got)
	}

	// A salt given in Options keys the HMAC directly.
	salt := []byte("a secret kept outside the data dir")
	keyed := open(t, t.TempDir(), store.Options{Salt: salt})
	mustQuestion(t, keyed, store.Question{Text: "again", UserID: userID})
	m := hmac.New(sha256.New, salt)
	m.Write([]byte(userID))
	if got, want := report(t, keyed, 1).Latest[0].User, hex.EncodeToString(m.Sum(nil))[:16]; got != want {
		t.Errorf("pseudonym with Options.Salt = %q, want HMAC-SHA256 prefix %q", got, want)
	}
}

func TestTextIsCapped(t *testing.T) {
	s := open(t, t.TempDir(), store.Options{})
	long := strings.Repeat("é", store.MaxTextRunes+100)
	mustQuestion(t, s, store.Question{Text: "  " + long + "  "})
	got := report(t, s, 1).Latest[0].Text
	if got != strings.Repeat("é", store.MaxTextRunes) {
		t.Errorf("stored text has %d runes (%d bytes), want %d runes of é", len([]rune(got)), len(got), store.MaxTextRunes)
	}
}

func TestInvalidInput(t *testing.T) {
	s := open(t, t.TempDir(), store.Options{})
	ctx := context.Background()
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"empty question", s.RecordUnanswered(ctx, store.Question{Text: " \n "}), "empty text"},
		{"unknown kind", s.RecordUnanswered(ctx, store.Question{Text: "x", Kind: 9}), "unknown kind 9"},
		{"NaN score", s.RecordUnanswered(ctx, store.Question{Text: "x", Score: math.NaN()}), "not a finite number"},
		{"no answer key", s.RecordFeedback(ctx, store.Feedback{UserID: "1"}), "empty answer key"},
		{"no user", s.RecordFeedback(ctx, store.Feedback{AnswerKey: "k"}), "empty user ID"},
	}
	for _, tt := range tests {
		if tt.err == nil || !strings.Contains(tt.err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want one containing %q", tt.name, tt.err, tt.want)
		}
	}
	if r := report(t, s, 0); len(r.Latest) != 0 {
		t.Errorf("rejected questions were stored: %+v", r.Latest)
	}
	if fc := feedback(t, s, 0); len(fc) != 0 {
		t.Errorf("rejected feedback was stored: %+v", fc)
	}
}

func TestInvalidOptions(t *testing.T) {
	tests := []struct {
		name string
		opts store.Options
		want string
	}{
		{"negative max", store.Options{MaxEntries: -1}, "MaxEntries must not be negative"},
		{"short salt", store.Options{Salt: []byte("short")}, "salt must be at least 16 bytes"},
	}
	for _, tt := range tests {
		_, err := store.Open(context.Background(), testLogger(t), t.TempDir(), tt.opts)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want one containing %q", tt.name, err, tt.want)
		}
	}
}

func TestCancelledContext(t *testing.T) {
	s := open(t, t.TempDir(), store.Options{})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := s.RecordUnanswered(ctx, store.Question{Text: "x"}); !errors.Is(err, context.Canceled) {
		t.Errorf("RecordUnanswered: err = %v, want context.Canceled", err)
	}
	if err := s.RecordFeedback(ctx, store.Feedback{AnswerKey: "k", UserID: "1"}); !errors.Is(err, context.Canceled) {
		t.Errorf("RecordFeedback: err = %v, want context.Canceled", err)
	}
	if _, err := s.Unanswered(ctx, 0); !errors.Is(err, context.Canceled) {
		t.Errorf("Unanswered: err = %v, want context.Canceled", err)
	}
	if _, err := s.Feedback(ctx, 0); !errors.Is(err, context.Canceled) {
		t.Errorf("Feedback: err = %v, want context.Canceled", err)
	}
	if _, err := store.Open(ctx, testLogger(t), t.TempDir(), store.Options{}); !errors.Is(err, context.Canceled) {
		t.Errorf("Open: err = %v, want context.Canceled", err)
	}
	if r := report(t, s, 0); len(r.Latest) != 0 {
		t.Errorf("a cancelled write was stored: %+v", r.Latest)
	}
}
