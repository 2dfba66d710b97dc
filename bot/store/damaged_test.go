package store_test

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	_ "modernc.org/sqlite"

	"github.com/explainbot/explainbot/bot/store"
)

const pageSize = 4096 // SQLite's default page size

// damage is one way a store file gets hurt, applied to a closed store.
type damage struct {
	name string
	hurt func(t *testing.T, path string)
	// movedAside: Open must move the file aside; otherwise it must keep it
	// (and keep its records, for "empty file" a fresh start).
	movedAside bool
}

var damages = []damage{
	{"truncated to half", func(t *testing.T, path string) {
		fi := stat(t, path)
		must(t, os.Truncate(path, fi.Size()/2))
	}, true},
	{"tail pages zeroed", func(t *testing.T, path string) {
		fi := stat(t, path)
		overwrite(t, path, fi.Size()-3*pageSize, make([]byte, 3*pageSize))
	}, true},
	{"random bytes over a page in use", func(t *testing.T, path string) {
		b := make([]byte, pageSize)
		r := rand.New(rand.NewPCG(1, 2))
		for i := range b {
			b[i] = byte(r.Uint32())
		}
		overwrite(t, path, 2*pageSize, b) // page 3: a table's root or leaf
	}, true},
	{"not a database", func(t *testing.T, path string) {
		must(t, os.WriteFile(path, []byte(strings.Repeat("this is not SQLite\n", 500)), 0o600))
	}, true},
	{"header zeroed", func(t *testing.T, path string) {
		overwrite(t, path, 0, make([]byte, 100))
	}, true},
	{"a table missing", func(t *testing.T, path string) {
		sqlExec(t, path, `DROP TABLE questions`)
	}, true},
	{"the salt missing from a file with records", func(t *testing.T, path string) {
		sqlExec(t, path, `DELETE FROM meta WHERE key = 'salt'`)
	}, true},
	{"empty file", func(t *testing.T, path string) {
		must(t, os.WriteFile(path, nil, 0o600))
	}, false},
}

// TestDamagedFileMovedAside damages a store each way and reopens it: the
// damaged file is moved aside under the name the log gives, a fresh store
// records and reports, and nothing panics.
func TestDamagedFileMovedAside(t *testing.T) {
	for _, d := range damages {
		t.Run(d.name, func(t *testing.T) {
			dir := t.TempDir()
			s := open(t, dir, store.Options{})
			for i := range 300 {
				mustQuestion(t, s, store.Question{Text: fmt.Sprintf("question number %d about something", i), UserID: "u"})
			}
			mustFeedback(t, s, store.Feedback{AnswerKey: "k", UserID: "u"})
			must(t, s.Close())
			path := filepath.Join(dir, store.FileName)
			d.hurt(t, path)

			var logs bytes.Buffer
			lg := slog.New(slog.NewTextHandler(&logs, nil))
			s, err := store.Open(context.Background(), lg, dir, store.Options{})
			if err != nil {
				t.Fatalf("Open: %v", err)
			}
			defer s.Close()
			st := s.Stats()
			if st.Off != "" {
				t.Fatalf("record is off after damage: %s\n%s", st.Off, logs.String())
			}
			if !d.movedAside {
				if st.MovedAside != "" {
					t.Errorf("moved aside %s, want the file kept", st.MovedAside)
				}
			} else {
				if st.MovedAside == "" {
					t.Fatalf("not moved aside\n%s", logs.String())
				}
				if _, err := os.Stat(st.MovedAside); err != nil {
					t.Errorf("moved-aside file: %v", err)
				}
				if !strings.Contains(logs.String(), "level=ERROR") || !strings.Contains(logs.String(), st.MovedAside) {
					t.Errorf("the log does not name %s in an error:\n%s", st.MovedAside, logs.String())
				}
			}
			if r := report(t, s, 0); len(r.Latest) != 0 {
				t.Errorf("the fresh store has %d questions, want 0", len(r.Latest))
			}
			mustQuestion(t, s, store.Question{Text: "after the damage"})
			if got := latestTexts(report(t, s, 0)); len(got) != 1 || got[0] != "after the damage" {
				t.Errorf("fresh store: latest = %q", got)
			}
		})
	}
}

// TestDamagedFileReadOnly: the teacher's read command reports a damaged
// file and leaves it where it is.
func TestDamagedFileReadOnly(t *testing.T) {
	dir := t.TempDir()
	s := open(t, dir, store.Options{})
	mustQuestion(t, s, store.Question{Text: "x"})
	must(t, s.Close())
	path := filepath.Join(dir, store.FileName)
	must(t, os.WriteFile(path, []byte(strings.Repeat("garbage", 1000)), 0o600))
	_, err := store.OpenReadOnly(context.Background(), testLogger(t), dir)
	if err == nil || !strings.Contains(err.Error(), path) {
		t.Errorf("OpenReadOnly on a damaged file: err = %v, want one naming %s", err, path)
	}
	if _, err := os.Stat(path); err != nil {
		t.Errorf("the damaged file is gone after a read-only open: %v", err)
	}
}

// TestOtherSchemaVersionLeftAlone: a file written by another version is not
// "damaged": it is neither moved nor changed, and the record is off.
func TestOtherSchemaVersionLeftAlone(t *testing.T) {
	dir := t.TempDir()
	s := open(t, dir, store.Options{})
	mustQuestion(t, s, store.Question{Text: "kept"})
	must(t, s.Close())
	path := filepath.Join(dir, store.FileName)
	sqlExec(t, path, `UPDATE meta SET value = '99' WHERE key = 'version'`)

	s = open(t, dir, store.Options{})
	if st := s.Stats(); st.Off == "" || st.MovedAside != "" {
		t.Errorf("stats = %+v, want the record off and nothing moved", st)
	}
	must(t, s.Close())
	sqlExec(t, path, `UPDATE meta SET value = '1' WHERE key = 'version'`)
	s = open(t, dir, store.Options{})
	if got := latestTexts(report(t, s, 0)); len(got) != 1 || got[0] != "kept" {
		t.Errorf("after restoring the version: latest = %q, want [kept]", got)
	}
}

func stat(t *testing.T, path string) os.FileInfo {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Size() < 6*pageSize {
		t.Fatalf("%s is only %d bytes: too small for this damage to mean anything", path, fi.Size())
	}
	return fi
}

func overwrite(t *testing.T, path string, off int64, b []byte) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteAt(b, off); err != nil {
		t.Fatal(err)
	}
}

func sqlExec(t *testing.T, path, stmt string) {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(stmt); err != nil {
		t.Fatalf("%s: %v", stmt, err)
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
