package store_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/explainbot/explainbot/bot/store"
)

// TestReaderBesideWriter: a read-only store opened while the writer runs
// (as `explainbot unanswered` beside `serve`) sees what the writer
// committed, including after more writes, and cannot write itself.
func TestReaderBesideWriter(t *testing.T) {
	dir := t.TempDir()
	w := open(t, dir, store.Options{})
	mustQuestion(t, w, store.Question{Text: "first", UserID: "1"})
	mustFeedback(t, w, store.Feedback{AnswerKey: "k", Heading: "K", UserID: "1"})
	want := report(t, w, 0) // flushes the writer

	r, err := store.OpenReadOnly(context.Background(), testLogger(t), dir)
	if err != nil {
		t.Fatalf("OpenReadOnly beside the writer: %v", err)
	}
	defer r.Close()
	if got := report(t, r, 0); !reflect.DeepEqual(got, want) {
		t.Errorf("reader's report:\n got %+v\nwant %+v", got, want)
	}
	if got := feedback(t, r, 0); len(got) != 1 || got[0].Helpful != 0 || got[0].NotHelpful != 1 {
		t.Errorf("reader's feedback = %+v, want one Not helpful on k", got)
	}

	mustQuestion(t, w, store.Question{Text: "second"})
	report(t, w, 0)
	if got := latestTexts(report(t, r, 0)); !reflect.DeepEqual(got, []string{"second", "first"}) {
		t.Errorf("reader after another write: latest = %q", got)
	}
	if err := r.RecordUnanswered(context.Background(), store.Question{Text: "x"}); err == nil {
		t.Error("a read-only store accepted a question")
	}
	if err := r.RecordFeedback(context.Background(), store.Feedback{AnswerKey: "k", UserID: "1"}); err == nil {
		t.Error("a read-only store accepted feedback")
	}
}

// TestReaderNeverCreates: reading a data directory that does not exist, or
// holds no store, says nothing was recorded and creates nothing.
func TestReaderNeverCreates(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	if _, err := store.OpenReadOnly(context.Background(), testLogger(t), dir); !errors.Is(err, store.ErrNoRecord) {
		t.Errorf("missing dir: err = %v, want ErrNoRecord", err)
	}
	if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the read created %s (stat err %v)", dir, err)
	}
	must(t, os.Mkdir(dir, 0o750))
	if _, err := store.OpenReadOnly(context.Background(), testLogger(t), dir); !errors.Is(err, store.ErrNoRecord) {
		t.Errorf("empty dir: err = %v, want ErrNoRecord", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("the read left %d files in the empty dir", len(entries))
	}
	must(t, os.WriteFile(filepath.Join(dir, store.FileName), nil, 0o600))
	if _, err := store.OpenReadOnly(context.Background(), testLogger(t), dir); !errors.Is(err, store.ErrNoRecord) {
		t.Errorf("empty file: err = %v, want ErrNoRecord", err)
	}
}

// TestReaderAfterWriterClosed reads a store whose writer has gone (its WAL
// checkpointed and removed).
func TestReaderAfterWriterClosed(t *testing.T) {
	dir := t.TempDir()
	w := open(t, dir, store.Options{})
	mustQuestion(t, w, store.Question{Text: "kept"})
	must(t, w.Close())
	r, err := store.OpenReadOnly(context.Background(), testLogger(t), dir)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if got := latestTexts(report(t, r, 0)); !reflect.DeepEqual(got, []string{"kept"}) {
		t.Errorf("latest = %q, want [kept]", got)
	}
}
