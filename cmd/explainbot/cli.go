package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"strings"
	"text/tabwriter"
	"time"
	"unicode/utf8"

	"github.com/explainbot/explainbot/bot/store"
	"github.com/explainbot/explainbot/config"
	"github.com/explainbot/explainbot/index"
	"github.com/explainbot/explainbot/knowledge"
)

const usage = `explainbot answers questions about generative AI and LLMs from its articles.

Usage:
  explainbot ask [--json] QUESTION...   answer a question
  explainbot table                      print the comparison table(s)
  explainbot topics                     list the sections
  explainbot check DIR                  validate a directory of Markdown notes
  explainbot commands                   print the Discord commands as JSON
  explainbot register                   register the Discord commands and exit
  explainbot serve                      run the Discord bot (gateway and/or HTTP endpoint)
  explainbot healthcheck                exit 0 if the local server's /healthz answers
  explainbot unanswered                 print what students asked that had no answer
  explainbot feedback                   print answers ranked by "Not helpful"
  explainbot version                    print the build's version and commit
  explainbot help                       this text and every environment variable

`

// exit codes
const (
	exitOK    = 0
	exitFail  = 1
	exitUsage = 2
)

// run is the whole program behind main, callable from tests with their own
// arguments, environment, output and listener.
func run(ctx context.Context, args []string, e env) int {
	if e.lookup == nil {
		e.lookup = config.Map(nil)
	}
	stdout, stderr := e.stdout, e.stderr
	width := terminalWidth(e.lookup)
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		fmt.Fprint(stdout, "Environment:\n\n")
		if err := environmentTable().write(stdout, width); err != nil {
			fmt.Fprintln(stderr, "explainbot:", err)
			return exitFail
		}
		return exitOK
	case "version":
		return runVersion(rest, stdout, stderr)
	case "check":
		return runCheck(ctx, rest, e)
	}
	cfg, err := config.Load(e.lookup)
	if err != nil {
		fmt.Fprintln(stderr, "explainbot:", err)
		return exitUsage
	}
	lg, err := newLogger(cfg, stderr)
	if err != nil {
		fmt.Fprintln(stderr, "explainbot:", err)
		return exitUsage
	}
	switch cmd {
	case "ask":
		return runAsk(ctx, cfg, lg, rest, width, stdout, stderr)
	case "table":
		if len(rest) > 0 {
			fmt.Fprintln(stderr, "usage: explainbot table")
			return exitUsage
		}
		return withIndex(ctx, cfg, lg, stderr, func(ix *index.Index) int { return printTables(ix, stdout, width) })
	case "topics":
		return withIndex(ctx, cfg, lg, stderr, func(ix *index.Index) int { return printTopics(ix, stdout) })
	case "commands", "register":
		return runCommands(ctx, cmd, cfg, lg, stdout, stderr)
	case "serve":
		if len(rest) > 0 {
			fmt.Fprintln(stderr, "usage: explainbot serve")
			return exitUsage
		}
		return runServe(ctx, cfg, lg, e)
	case "healthcheck":
		return runHealthcheck(ctx, cfg, stderr)
	case "unanswered", "feedback":
		return runReport(ctx, cmd, cfg, lg, stdout, stderr)
	}
	fmt.Fprintf(stderr, "explainbot: unknown command %q\n\n%s", cmd, usage)
	return exitUsage
}

// newLogger builds the process's logger from LOG_FORMAT and LOG_LEVEL.
func newLogger(cfg config.Config, w io.Writer) (*slog.Logger, error) {
	var level slog.Level
	if err := level.UnmarshalText([]byte(cfg.LogLevel)); err != nil {
		return nil, fmt.Errorf("LOG_LEVEL: %w", err)
	}
	opts := &slog.HandlerOptions{Level: level}
	if cfg.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, opts)), nil
	}
	return slog.New(slog.NewTextHandler(w, opts)), nil
}

// loadArticles reads the built-in article (unless turned off) and
// KNOWLEDGE_DIR's notes through notes.
func loadArticles(ctx context.Context, cfg config.Config, notes *notesLoader) ([]*knowledge.Article, error) {
	var arts []*knowledge.Article
	if cfg.BuiltinArticle {
		arts = append(arts, knowledge.Builtin())
	}
	if cfg.KnowledgeDir != "" {
		more, err := notes.load(ctx, cfg.KnowledgeDir)
		if err != nil {
			return nil, fmt.Errorf("load KNOWLEDGE_DIR: %w", err)
		}
		arts = append(arts, more...)
	}
	if len(arts) == 0 {
		return nil, errors.New("no articles: BUILTIN_ARTICLE is false and KNOWLEDGE_DIR is empty")
	}
	return arts, nil
}

func buildIndex(ctx context.Context, cfg config.Config, lg *slog.Logger) (*index.Index, error) {
	arts, err := loadArticles(ctx, cfg, newNotesLoader(cfg))
	if err != nil {
		return nil, err
	}
	return index.Build(ctx, lg, arts, index.Options{Path: cfg.IndexPath})
}

func withIndex(ctx context.Context, cfg config.Config, lg *slog.Logger, stderr io.Writer, f func(*index.Index) int) int {
	// The terminal commands log only warnings: their output is the answer.
	ix, err := buildIndex(ctx, cfg, quiet(lg))
	if err != nil {
		fmt.Fprintln(stderr, "explainbot:", err)
		return exitFail
	}
	defer ix.Close()
	return f(ix)
}

func quiet(lg *slog.Logger) *slog.Logger {
	if lg.Enabled(context.Background(), slog.LevelDebug) {
		return lg
	}
	return slog.New(levelFilter{lg.Handler(), slog.LevelWarn})
}

type levelFilter struct {
	slog.Handler
	min slog.Level
}

func (f levelFilter) Enabled(ctx context.Context, l slog.Level) bool {
	return l >= f.min && f.Handler.Enabled(ctx, l)
}

// jsonAnswer is the documented shape of `explainbot ask --json`.
type jsonAnswer struct {
	Question string        `json:"question"`
	Answered bool          `json:"answered"`
	Sections []jsonSection `json:"sections"`
	Row      *jsonRow      `json:"row"`
	// Partial: the question's words are spread over sections, and the
	// first is only the nearest (index.Answer.Partial).
	Partial bool `json:"partial"`
}

type jsonSection struct {
	Article string  `json:"article"`
	Heading string  `json:"heading"`
	Score   float64 `json:"score"`
	// Excerpt is plain text; Highlights are the question's words in it, as
	// [start, end) offsets in characters (Unicode code points).
	Excerpt    string   `json:"excerpt"`
	Highlights [][2]int `json:"highlights"`
}

// jsonRow is one row of whichever table answered: its feature and, for
// each compared subject in the table's order, that subject's cell.
type jsonRow struct {
	Table   string     `json:"table"`
	Feature string     `json:"feature"`
	Cells   []jsonCell `json:"cells"`
}

type jsonCell struct {
	Subject string `json:"subject"`
	Value   string `json:"value"`
}

func runAsk(ctx context.Context, cfg config.Config, lg *slog.Logger, args []string, width int, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("ask", flag.ContinueOnError)
	fs.SetOutput(stderr)
	asJSON := fs.Bool("json", false, "print one JSON object")
	words, err := parseInterspersed(fs, args)
	if err != nil {
		return exitUsage
	}
	q := strings.TrimSpace(strings.Join(words, " "))
	if q == "" {
		fmt.Fprintln(stderr, "usage: explainbot ask [--json] QUESTION...")
		return exitUsage
	}
	return withIndex(ctx, cfg, lg, stderr, func(ix *index.Index) int {
		a := ix.Ask(ctx, q)
		if *asJSON {
			return printJSON(stdout, stderr, toJSON(a))
		}
		printAnswer(stdout, a, isTerminal(stdout), width)
		return exitOK
	})
}

func toJSON(a index.Answer) jsonAnswer {
	out := jsonAnswer{Question: a.Question, Answered: a.Answered, Sections: []jsonSection{}, Partial: a.Partial}
	for _, h := range a.Hits {
		out.Sections = append(out.Sections, jsonSection{Article: h.Article, Heading: h.Heading, Score: h.Score,
			Excerpt: h.Excerpt, Highlights: charSpans(h.Excerpt, h.Highlights)})
	}
	if a.Row != nil {
		r := jsonRow{Table: a.Row.Comparison.Title, Feature: a.Row.Row.Feature, Cells: []jsonCell{}}
		for i, subject := range a.Row.Comparison.Subjects {
			if i < len(a.Row.Row.Values) {
				r.Cells = append(r.Cells, jsonCell{Subject: subject, Value: a.Row.Row.Values[i]})
			}
		}
		out.Row = &r
	}
	return out
}

func printJSON(stdout, stderr io.Writer, v any) int {
	enc := json.NewEncoder(stdout)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		fmt.Fprintln(stderr, "explainbot:", err)
		return exitFail
	}
	return exitOK
}

// charSpans turns byte spans into character offsets.
func charSpans(text string, spans []index.Span) [][2]int {
	out := [][2]int{}
	for _, s := range spans {
		if s.Start < 0 || s.End > len(text) || s.Start >= s.End {
			continue
		}
		start := utf8.RuneCountInString(text[:s.Start])
		out = append(out, [2]int{start, start + utf8.RuneCountInString(text[s.Start:s.End])})
	}
	return out
}

// isTerminal reports whether w is a terminal, where bold can be shown.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// emphasize shows the spans of text in bold on a terminal (ANSI), or as
// plain text elsewhere.
func emphasize(text string, spans []index.Span, bold bool) string {
	if !bold {
		return text
	}
	var b strings.Builder
	pos := 0
	for _, s := range spans {
		if s.Start < pos || s.End > len(text) || s.Start >= s.End {
			continue
		}
		b.WriteString(text[pos:s.Start] + "\x1b[1m" + text[s.Start:s.End] + "\x1b[0m")
		pos = s.End
	}
	b.WriteString(text[pos:])
	return b.String()
}

// partialNote follows a partial answer (index.Answer.Partial).
const partialNote = "Nearest match: the articles cover this question only in part."

func printAnswer(w io.Writer, a index.Answer, bold bool, width int) {
	if !a.Answered {
		fmt.Fprintln(w, "Not covered by the articles. Topics you can ask about:")
		for _, t := range a.Related {
			fmt.Fprintf(w, "  - %s\n", t.Heading)
		}
		return
	}
	best := a.Hits[0]
	fmt.Fprintf(w, "%s\n%s\n\n%s\n", best.Heading, strings.Repeat("=", len([]rune(best.Heading))), emphasize(best.Excerpt, best.Highlights, bold))
	if a.Row != nil {
		fmt.Fprintf(w, "\n%s:\n", a.Row.Row.Feature)
		for i, s := range a.Row.Comparison.Subjects {
			if i < len(a.Row.Row.Values) {
				fmt.Fprintf(w, "  %s: %s\n", s, a.Row.Row.Values[i])
			}
		}
	}
	if a.Table != nil {
		fmt.Fprintln(w)
		printTable(w, a.Table, width)
	}
	fmt.Fprintf(w, "\nSource: %s › %s\n", best.Article, best.Heading)
	if a.Partial {
		fmt.Fprintln(w, partialNote)
	}
	var more []string
	for _, h := range a.Hits[1:] {
		more = append(more, h.Heading)
	}
	for _, t := range a.Related {
		more = append(more, t.Heading)
	}
	if len(more) > 0 {
		fmt.Fprintf(w, "Related: %s\n", strings.Join(more, " · "))
	}
}

func printTables(ix *index.Index, w io.Writer, width int) int {
	n := 0
	for _, art := range ix.Articles() {
		for i := range art.Comparisons {
			if n > 0 {
				fmt.Fprintln(w)
			}
			writeTitle(w, fmt.Sprintf("%s (%s)", art.Comparisons[i].Title, art.Title), width)
			fmt.Fprintln(w)
			printTable(w, &art.Comparisons[i], width)
			n++
		}
	}
	if n == 0 {
		fmt.Fprintln(w, "The articles have no comparison table.")
	}
	return exitOK
}

// printTable writes a comparison fitted to the terminal's width.
func printTable(w io.Writer, c *knowledge.Comparison, width int) {
	comparisonTable(c).write(w, width)
}

func printTopics(ix *index.Index, w io.Writer) int {
	for _, art := range ix.Articles() {
		fmt.Fprintf(w, "%s\n", art.Title)
		for _, s := range art.Sections {
			fmt.Fprintf(w, "  %s%s\n", strings.Repeat("  ", max(s.Level-2, 0)), s.Heading)
		}
	}
	return exitOK
}

func runCheck(ctx context.Context, args []string, e env) int {
	stdout, stderr := e.stdout, e.stderr
	if len(args) != 1 {
		fmt.Fprintln(stderr, "usage: explainbot check DIR")
		return exitUsage
	}
	// The same limits as serving: no FIFO, device or oversized note is read.
	// The environment is read for NOTE_MAX_BYTES only; a bad one means the
	// default.
	cfg, _ := config.Load(e.lookup)
	sum, problems := knowledge.CheckLimit(args[0], newNotesLoader(cfg).maxBytes)
	for _, p := range problems {
		fmt.Fprintln(stdout, p.String())
	}
	fmt.Fprintln(stdout, sum.String())
	if len(problems) > 0 {
		return exitFail
	}
	return exitOK
}

func runHealthcheck(ctx context.Context, cfg config.Config, stderr io.Writer) int {
	_, port, err := net.SplitHostPort(cfg.ListenAddr)
	if err != nil {
		fmt.Fprintln(stderr, "explainbot: LISTEN_ADDR:", err)
		return exitUsage
	}
	ctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://"+net.JoinHostPort("127.0.0.1", port)+"/healthz", nil)
	if err != nil {
		fmt.Fprintln(stderr, "explainbot:", err)
		return exitFail
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		fmt.Fprintln(stderr, "explainbot: healthcheck:", err)
		return exitFail
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		fmt.Fprintln(stderr, "explainbot: healthcheck:", resp.Status)
		return exitFail
	}
	return exitOK
}

// runReport prints the record: the unanswered questions or the feedback.
// It reads the store beside a running serve and never creates DATA_DIR.
func runReport(ctx context.Context, cmd string, cfg config.Config, lg *slog.Logger, stdout, stderr io.Writer) int {
	st, err := store.OpenReadOnly(ctx, quiet(lg), cfg.DataDir)
	if errors.Is(err, store.ErrNoRecord) {
		fmt.Fprintf(stdout, "Nothing recorded yet (no record in DATA_DIR=%s).\n", cfg.DataDir)
		return exitOK
	}
	if err != nil {
		fmt.Fprintln(stderr, "explainbot:", err)
		return exitFail
	}
	defer st.Close()
	if cmd == "feedback" {
		counts, err := st.Feedback(ctx, 50)
		if err != nil {
			fmt.Fprintln(stderr, "explainbot:", err)
			return exitFail
		}
		if len(counts) == 0 {
			fmt.Fprintln(stdout, "Nothing recorded yet: no feedback.")
			return exitOK
		}
		tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "NOT HELPFUL\tHELPFUL\tSECTION")
		for _, c := range counts {
			fmt.Fprintf(tw, "%d\t%d\t%s\n", c.NotHelpful, c.Helpful, c.Heading)
		}
		tw.Flush()
		return exitOK
	}
	rep, err := st.Unanswered(ctx, 20)
	if err != nil {
		fmt.Fprintln(stderr, "explainbot:", err)
		return exitFail
	}
	if len(rep.Latest) == 0 {
		fmt.Fprintln(stdout, "Nothing recorded yet: no unanswered questions.")
		return exitOK
	}
	fmt.Fprintln(stdout, "Most frequent:")
	for _, c := range rep.Frequent {
		fmt.Fprintf(stdout, "  %3d× %s (last %s)\n", c.N, c.Text, c.Last.Local().Format(time.DateTime))
	}
	fmt.Fprintln(stdout, "Latest:")
	for _, e := range rep.Latest {
		fmt.Fprintf(stdout, "  %s  %-14s %s\n", e.At.Local().Format(time.DateTime), e.Kind, e.Text)
	}
	return exitOK
}
