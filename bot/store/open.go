package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// schemaVersion is kept in meta; a file of another version is left alone
// (and the record is off), one without a version is damaged.
const schemaVersion = "1"

// schema creates the tables. Sequence numbers (AUTOINCREMENT, never
// reused) order entries by recording; vote holds one student's one vote
// per answer and question.
var schema = []string{
	`CREATE TABLE meta (key TEXT PRIMARY KEY, value BLOB NOT NULL)`,
	`CREATE TABLE questions (seq INTEGER PRIMARY KEY AUTOINCREMENT, text TEXT NOT NULL, user TEXT NOT NULL,
		guild TEXT NOT NULL, kind INTEGER NOT NULL, score REAL NOT NULL, at INTEGER NOT NULL)`,
	`CREATE TABLE feedback (seq INTEGER PRIMARY KEY AUTOINCREMENT, answer_key TEXT NOT NULL, heading TEXT NOT NULL,
		question TEXT NOT NULL, helpful INTEGER NOT NULL, user TEXT NOT NULL, at INTEGER NOT NULL, vote BLOB NOT NULL UNIQUE)`,
}

// tables are the tables schema creates, sorted.
var tables = []string{"feedback", "meta", "questions"}

const saltSize = 32

// errDamaged marks a file that must be moved aside; errEmpty one that holds
// no schema yet.
var (
	errDamaged = errors.New("damaged")
	errEmpty   = errors.New("empty")
)

// openDB opens the file through database/sql. The writer's connections use
// WAL (readers beside the writer) and full sync (a commit survives a power
// cut); every connection waits up to 5 s for another's lock.
func openDB(path string, readOnly bool) (*sql.DB, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(5000)")
	if readOnly {
		q.Set("mode", "ro")
	} else {
		q.Add("_pragma", "journal_mode(WAL)")
		q.Add("_pragma", "synchronous(FULL)")
		q.Set("_txlock", "immediate")
	}
	dsn := "file:" + (&url.URL{Path: abs}).EscapedPath() + "?" + q.Encode()
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(4)
	if err := db.Ping(); err != nil {
		db.Close()
		return nil, classify(err)
	}
	return db, nil
}

// classify marks SQLite's "this is not a healthy database" errors as
// errDamaged, leaving the others (permissions, a full disk) as they are.
func classify(err error) error {
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff {
		case sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_FORMAT:
			return fmt.Errorf("%w: %v", errDamaged, err)
		}
	}
	return err
}

// check runs SQLite's quick_check and then asks for the tables: all of them,
// or none in an empty file (errEmpty). Anything else is errDamaged,
// including tables missing from a file that has some, and a salt missing
// from a file that holds records, which would orphan every pseudonym.
func check(ctx context.Context, db *sql.DB) error {
	var result string
	if err := db.QueryRowContext(ctx, `PRAGMA quick_check(1)`).Scan(&result); err != nil {
		return classify(fmt.Errorf("quick_check: %w", err))
	}
	if result != "ok" {
		return fmt.Errorf("%w: quick_check: %s", errDamaged, result)
	}
	rows, err := db.QueryContext(ctx, `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
	if err != nil {
		return classify(fmt.Errorf("list tables: %w", err))
	}
	var have []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			rows.Close()
			return classify(fmt.Errorf("list tables: %w", err))
		}
		have = append(have, name)
	}
	if err := rows.Close(); err != nil {
		return classify(fmt.Errorf("list tables: %w", err))
	}
	if len(have) == 0 {
		return errEmpty
	}
	for _, t := range tables {
		if !slices.Contains(have, t) {
			return fmt.Errorf("%w: table %s is missing (the file has %s)", errDamaged, t, strings.Join(have, ", "))
		}
	}
	var version string
	err = db.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = 'version'`).Scan(&version)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return classify(fmt.Errorf("read version: %w", err))
	}
	switch version {
	case schemaVersion:
	case "":
		return fmt.Errorf("%w: the schema version is missing", errDamaged)
	default:
		return fmt.Errorf("schema version %q is not this binary's %q; the file is left as it is", version, schemaVersion)
	}
	var salted, records int
	err = db.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM meta WHERE key = 'salt'),
		(SELECT count(*) FROM questions) + (SELECT count(*) FROM feedback)`).Scan(&salted, &records)
	if err != nil {
		return classify(fmt.Errorf("count records: %w", err))
	}
	if salted == 0 && records > 0 {
		return fmt.Errorf("%w: the user-hash salt is missing from a file with %d records", errDamaged, records)
	}
	return nil
}

// openWriter opens or creates the file, moving a damaged one aside, makes
// the schema and the salt, applies the retention bound and proves the file
// can be written. An error means the record must be off.
func (s *Store) openWriter(ctx context.Context, dir string, salt []byte) error {
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return fmt.Errorf("create data directory: %w", err)
	}
	db, err := openDB(s.path, false)
	if err == nil {
		err = check(ctx, db)
		if err != nil && !errors.Is(err, errEmpty) {
			db.Close()
		}
	}
	switch {
	case err == nil, errors.Is(err, errEmpty):
	case errors.Is(err, errDamaged):
		if err := s.moveAside(err); err != nil {
			return err
		}
		if db, err = openDB(s.path, false); err != nil {
			return fmt.Errorf("create a fresh store: %w", err)
		}
	default:
		return err
	}
	if err := s.init(ctx, db, salt); err != nil {
		db.Close()
		return err
	}
	s.db = db
	return nil
}

// moveAside renames a damaged file, and its WAL and shared-memory files,
// out of the way, keeping them for whoever wants to look.
func (s *Store) moveAside(why error) error {
	to := s.path + ".damaged-" + time.Now().UTC().Format("20060102T150405.000000000Z")
	if err := os.Rename(s.path, to); err != nil {
		return fmt.Errorf("move damaged store aside (%v): %w", why, err)
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		if err := os.Rename(s.path+suffix, to+suffix); err != nil && !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("move damaged store's %s file aside: %w", suffix, err)
		}
	}
	s.movedAside = to
	s.lg.Error("store: damaged file moved aside; starting a fresh one", "path", s.path, "moved_to", to, "err", why)
	return nil
}

// init creates the schema and the salt if missing, trims to the bound and
// writes the open time, which proves the file is writable.
func (s *Store) init(ctx context.Context, db *sql.DB, salt []byte) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master WHERE name = 'meta'`).Scan(&n); err != nil {
		return fmt.Errorf("read schema: %w", err)
	}
	if n == 0 {
		for _, stmt := range schema {
			if _, err := tx.ExecContext(ctx, stmt); err != nil {
				return fmt.Errorf("create schema: %w", err)
			}
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO meta (key, value) VALUES ('version', ?)`, schemaVersion); err != nil {
			return fmt.Errorf("save version: %w", err)
		}
	}
	if len(salt) > 0 {
		s.salt = append([]byte(nil), salt...)
	} else {
		err := tx.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = 'salt'`).Scan(&s.salt)
		if errors.Is(err, sql.ErrNoRows) {
			s.salt = make([]byte, saltSize)
			rand.Read(s.salt)
			if _, err := tx.ExecContext(ctx, `INSERT INTO meta (key, value) VALUES ('salt', ?)`, s.salt); err != nil {
				return fmt.Errorf("save salt: %w", err)
			}
			s.lg.Info("store: created a new user-hash salt", "path", s.path)
		} else if err != nil {
			return fmt.Errorf("read salt: %w", err)
		}
	}
	dropped, err := s.trim(ctx, tx)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT OR REPLACE INTO meta (key, value) VALUES ('opened', ?)`, time.Now().UTC().Format(time.RFC3339)); err != nil {
		return fmt.Errorf("write to the store: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("write to the store: %w", err)
	}
	var questions, feedback int
	if err := db.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM questions), (SELECT count(*) FROM feedback)`).Scan(&questions, &feedback); err != nil {
		return fmt.Errorf("count records: %w", err)
	}
	s.lg.Info("store: opened", "path", s.path, "questions", questions, "feedback", feedback,
		"max_entries", s.max, "dropped", dropped)
	return nil
}
