package knowledge

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"hash"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// LoadDir parses every *.md file below dir, in order of path. It reads all
// of them even when some are broken and returns every problem in one
// Problems error, and then no articles: a knowledge base with a broken file
// should be fixed, not served in part. Directories whose names start with a
// dot (.git and the like) are skipped. A missing dir, or one with no .md
// files, is a problem too.
func LoadDir(dir string) ([]*Article, error) {
	return LoadDirLimit(dir, MaxArticleBytes)
}

// LoadDirLimit is LoadDir with a limit on each file's size. Each file is
// opened without blocking and checked on the open file, so a named pipe, a
// device or a file swapped after an earlier check is refused, not waited
// on, and no more than maxBytes of a file are ever read.
func LoadDirLimit(dir string, maxBytes int64) ([]*Article, error) {
	arts, ps := loadDir(dir, maxBytes)
	if len(ps) > 0 {
		return nil, ps
	}
	return arts, nil
}

// loadDir is LoadDirLimit that also returns the articles that parsed, for
// Check to count.
func loadDir(dir string, maxBytes int64) ([]*Article, Problems) {
	var ps Problems
	info, err := os.Stat(dir)
	switch {
	case err != nil:
		return nil, Problems{{Path: dir, Msg: "cannot read: " + pathErr(err)}}
	case !info.IsDir():
		return nil, Problems{{Path: dir, Msg: "not a directory"}}
	}
	var paths []string
	err = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			ps = append(ps, Problem{Path: path, Msg: "cannot read: " + pathErr(err)})
			return nil
		}
		if d.IsDir() {
			if path != dir && strings.HasPrefix(d.Name(), ".") {
				return filepath.SkipDir
			}
			return nil
		}
		if strings.HasSuffix(d.Name(), ".md") {
			paths = append(paths, path)
		}
		return nil
	})
	if err != nil { // The walk function returns no errors; this is belt and braces.
		ps = append(ps, Problem{Path: dir, Msg: "cannot read: " + pathErr(err)})
	}
	if len(paths) == 0 && len(ps) == 0 {
		return nil, Problems{{Path: dir, Msg: "no .md files"}}
	}
	sort.Strings(paths)
	var arts []*Article
	for _, path := range paths {
		src, err := readNote(path, maxBytes)
		if err != nil {
			ps = append(ps, Problem{Path: path, Msg: "cannot read: " + pathErr(err)})
			continue
		}
		a, err := Parse(path, src)
		var fileProblems Problems
		switch {
		case errors.As(err, &fileProblems):
			ps = append(ps, fileProblems...)
		case err != nil:
			ps = append(ps, Problem{Path: path, Msg: err.Error()})
		default:
			arts = append(arts, a)
		}
	}
	sortProblems(ps)
	return arts, ps
}

// pathErr drops the path from a file error, since a Problem carries it.
func pathErr(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// hashVersion changes whenever the hash's layout does, so an index built
// by an older binary is seen as stale.
const hashVersion = "explainbot/knowledge hash v2"

// Hash returns a hex SHA-256 of everything the index is built from: each
// article's path, title and source, its sections (ID, heading, level, line,
// blocks, passages) and its comparisons. Equal hashes mean an index built
// from one set of articles serves the other unchanged. Every string is
// length-prefixed, so moving text from one field to the next changes it.
func Hash(articles []*Article) string {
	h := sha256.New()
	w := hashWriter{h: h}
	w.str(hashVersion)
	w.num(len(articles))
	for _, a := range articles {
		w.str(a.Path)
		w.str(a.Title)
		w.str(a.Source)
		w.str(a.URL)
		w.num(len(a.Sections))
		for _, s := range a.Sections {
			w.str(s.ID)
			w.str(s.Heading)
			w.num(s.Level)
			w.num(s.Line)
			w.num(len(s.Blocks))
			for _, b := range s.Blocks {
				w.num(int(b.Kind))
				w.str(b.Text)
				w.str(b.Label)
				w.str(b.Under)
				if b.Ordered {
					w.num(1)
				} else {
					w.num(0)
				}
			}
			w.strs(s.Passages)
		}
		w.num(len(a.Comparisons))
		for _, c := range a.Comparisons {
			w.str(c.Section)
			w.str(c.Title)
			w.str(c.Header)
			w.strs(c.Subjects)
			w.num(len(c.Rows))
			for _, r := range c.Rows {
				w.str(r.Feature)
				w.strs(r.Values)
			}
		}
	}
	return hex.EncodeToString(h.Sum(nil))
}

// hashWriter feeds numbers and length-prefixed strings to a hash.
type hashWriter struct {
	h   hash.Hash
	buf [binary.MaxVarintLen64]byte
}

func (w *hashWriter) num(n int) {
	w.h.Write(w.buf[:binary.PutVarint(w.buf[:], int64(n))])
}

func (w *hashWriter) str(s string) {
	w.num(len(s))
	w.h.Write([]byte(s))
}

func (w *hashWriter) strs(ss []string) {
	w.num(len(ss))
	for _, s := range ss {
		w.str(s)
	}
}
