package bot

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/explainbot/explainbot/index"
	"github.com/explainbot/explainbot/knowledge"
)

const llmHeading = "What Are Large Language Models (LLMs)"

// TestHandle runs every interaction in testdata/interactions through
// Handle, validates the response against Discord's rules, compares it with
// its golden file and checks what the case is about.
func TestHandle(t *testing.T) {
	tests := []struct {
		name    string
		outcome Outcome
		check   func(t *testing.T, r *discordgo.InteractionResponse)
	}{
		{"explain_llm", OutcomeAnswered, func(t *testing.T, r *discordgo.InteractionResponse) {
			e := onlyEmbed(t, r)
			if e.Title != llmHeading {
				t.Errorf("title %q, want %q", e.Title, llmHeading)
			}
			if e.Author == nil || e.Author.Name != "❓ llm" {
				t.Errorf("author %+v, want the question", e.Author)
			}
			if !strings.HasPrefix(e.Footer.Text, "Source: Generative AI vs Large Language Models") || !strings.Contains(e.Footer.Text, "› "+llmHeading) {
				t.Errorf("footer %q does not cite article and section", e.Footer.Text)
			}
			if r.Data.Flags&discordgo.MessageFlagsEphemeral != 0 {
				t.Error("a public answer is ephemeral")
			}
			// The excerpt is the whole section: no Full section button.
			wantButtons(t, r, "Difference table", "Helpful", "Not helpful", "Dismiss")
			if e.Color != embedColour {
				t.Errorf("colour %#x, want %#x", e.Color, embedColour)
			}
			if f := field(e, "Related"); f == nil || !strings.Contains(f.Value, "How Do LLMs Work") {
				t.Errorf("related field %+v lacks How Do LLMs Work", f)
			}
		}},
		{"explain_private", OutcomeAnswered, func(t *testing.T, r *discordgo.InteractionResponse) {
			if r.Data.Flags&discordgo.MessageFlagsEphemeral == 0 {
				t.Error("private answer is not ephemeral")
			}
			if onlyEmbed(t, r).Title != "How Do LLMs Work" {
				t.Errorf("title %q", r.Data.Embeds[0].Title)
			}
			if _, ok := buttons(r)["Dismiss"]; ok {
				t.Error("an ephemeral answer has a Dismiss button")
			}
		}},
		{"explain_mention", OutcomeAnswered, func(t *testing.T, r *discordgo.InteractionResponse) {
			if r.Data.Content != "<@2300000000000000009>" {
				t.Errorf("content %q, want the mention", r.Data.Content)
			}
			am := r.Data.AllowedMentions
			if am == nil || am.Parse == nil || len(am.Parse) != 0 || len(am.Users) != 1 || am.Users[0] != "2300000000000000009" {
				t.Errorf("allowed mentions %+v, want parse [] and only the mentioned user", am)
			}
		}},
		{"ask_difference", OutcomeAnswered, func(t *testing.T, r *discordgo.InteractionResponse) {
			e := onlyEmbed(t, r)
			f := field(e, "Scope")
			if f == nil || !strings.Contains(f.Value, "Generative AI:** Works with text") || !strings.Contains(f.Value, "Large Language Models (LLMs):** Focuses mainly on text") {
				t.Errorf("table field Scope = %+v", f)
			}
			if field(e, "Applications") == nil {
				t.Error("table lacks its last row")
			}
			// One table, shown once: the description keeps the prose.
			if strings.Contains(e.Description, "Scope") || strings.Contains(e.Description, "Focuses mainly on text") || !strings.Contains(e.Description, "key **differences**") {
				t.Errorf("description %q repeats the table or lost its prose", e.Description)
			}
			if n := embedLen(e); n > 1200 {
				t.Errorf("the reply is %d characters; the table shown once needs fewer", n)
			}
			// It shows the whole table, so no button opens it again; the
			// section's closing paragraph is not shown, so Full section stays.
			wantButtons(t, r, "Full section", "Helpful", "Not helpful", "Dismiss")
		}},
		{"ask_scope", OutcomeAnswered, func(t *testing.T, r *discordgo.InteractionResponse) {
			e := onlyEmbed(t, r)
			// One row and part of the section: both buttons add something.
			wantButtons(t, r, "Full section", "Difference table", "Helpful", "Not helpful", "Dismiss")
			if len(e.Fields) < 2 || !e.Fields[0].Inline || !e.Fields[1].Inline ||
				!strings.HasPrefix(e.Fields[0].Name, "Generative AI") || !strings.HasPrefix(e.Fields[1].Name, "Large Language Models (LLMs)") ||
				e.Fields[1].Value != "Focuses mainly on text" {
				t.Errorf("row fields %+v, want Generative AI | LLMs inline", e.Fields)
			}
		}},
		{"ask_mentions", OutcomeAnswered, func(t *testing.T, r *discordgo.InteractionResponse) {
			e := onlyEmbed(t, r)
			if e.Title != llmHeading {
				t.Errorf("title %q: mentions should not stop the answer", e.Title)
			}
			want := "❓ @\u200beveryone what is an llm <@\u200b123> <@\u200b&456>"
			if e.Author.Name != want {
				t.Errorf("author %q, want %q", e.Author.Name, want)
			}
			noPings(t, r)
		}},
		{"ask_not_covered", OutcomeNotCovered, func(t *testing.T, r *discordgo.InteractionResponse) {
			if r.Data.Flags&discordgo.MessageFlagsEphemeral == 0 || len(r.Data.Embeds) != 0 {
				t.Error("not covered should be an ephemeral text")
			}
			if want := "“quantum \\*chromo\\* \\_dynamics\\_ @\u200bhere” is not covered in my notes. Try one of these topics:"; r.Data.Content != want {
				t.Errorf("content %q, want %q", r.Data.Content, want)
			}
			got := buttons(r)
			if len(got) == 0 || len(got) > maxRelated {
				t.Errorf("%d topic buttons, want 1 to %d", len(got), maxRelated)
			}
			for label, b := range got {
				if label == "Introduction" {
					t.Error("the synthetic Introduction is offered")
				}
				if id, err := parseButtonID(b.CustomID); err != nil || id.action != actFull {
					t.Errorf("topic button %q has custom ID %q (%v), want one that opens the section", label, b.CustomID, err)
				}
			}
		}},
		{"ask_dm", OutcomeAnswered, func(t *testing.T, r *discordgo.InteractionResponse) {
			if onlyEmbed(t, r).Title != "How Do LLMs Work" {
				t.Errorf("title %q", r.Data.Embeds[0].Title)
			}
			if !strings.HasSuffix(buttons(r)["Dismiss"].CustomID, ":2300000000000000002") {
				t.Errorf("Dismiss %q is not for the DM user", buttons(r)["Dismiss"].CustomID)
			}
		}},
		{"compare_all", OutcomeAnswered, func(t *testing.T, r *discordgo.InteractionResponse) {
			e := onlyEmbed(t, r)
			wantButtons(t, r, "Full section", "Helpful", "Not helpful", "Dismiss")
			if e.Title != "Key Differences Between Generative AI and LLMs" || len(e.Fields) != 5+1 && len(e.Fields) != 5 {
				t.Errorf("title %q with %d fields", e.Title, len(e.Fields))
			}
		}},
		{"compare_scope", OutcomeAnswered, func(t *testing.T, r *discordgo.InteractionResponse) {
			e := onlyEmbed(t, r)
			if len(e.Fields) != 2 || e.Fields[0].Value != "Works with text, image, video, audio, and more" {
				t.Errorf("fields %+v, want the scope row", e.Fields)
			}
		}},
		{"compare_bad_aspect", OutcomeNotCovered, func(t *testing.T, r *discordgo.InteractionResponse) {
			if !strings.Contains(r.Data.Content, "scope, purpose, technology, examples, applications") {
				t.Errorf("content %q does not list the rows", r.Data.Content)
			}
		}},
		{"topics", OutcomeAnswered, func(t *testing.T, r *discordgo.InteractionResponse) {
			e := onlyEmbed(t, r)
			for _, h := range []string{"• Introduction", "• What Is Generative AI", "• Conclusion"} {
				if !strings.Contains(e.Description, h) {
					t.Errorf("topics lack %q:\n%s", h, e.Description)
				}
			}
		}},
		{"reload_unavailable", OutcomeAnswered, func(t *testing.T, r *discordgo.InteractionResponse) {
			if !strings.Contains(r.Data.Content, "not available") {
				t.Errorf("content %q", r.Data.Content)
			}
		}},
		{"unanswered_off", OutcomeAnswered, func(t *testing.T, r *discordgo.InteractionResponse) {
			if !strings.Contains(r.Data.Content, "record is off") {
				t.Errorf("content %q", r.Data.Content)
			}
		}},
		{"unknown_command", OutcomeError, func(t *testing.T, r *discordgo.InteractionResponse) {
			if r.Data.Flags&discordgo.MessageFlagsEphemeral == 0 {
				t.Error("not ephemeral")
			}
		}},
		{"autocomplete_empty", OutcomeAnswered, func(t *testing.T, r *discordgo.InteractionResponse) {
			if r.Type != discordgo.InteractionApplicationCommandAutocompleteResult || len(r.Data.Choices) < 3 || r.Data.Choices[0].Name != "What Is Generative AI" {
				t.Errorf("choices %+v, want the main topics", r.Data.Choices)
			}
		}},
		{"autocomplete_ll", OutcomeAnswered, func(t *testing.T, r *discordgo.InteractionResponse) {
			if len(r.Data.Choices) == 0 || len(r.Data.Choices) > 25 {
				t.Fatalf("%d choices", len(r.Data.Choices))
			}
			found := false
			for _, c := range r.Data.Choices {
				found = found || c.Name == llmHeading
			}
			if !found {
				t.Errorf("choices %+v lack %q", r.Data.Choices, llmHeading)
			}
		}},
		{"explain_this", OutcomeAnswered, func(t *testing.T, r *discordgo.InteractionResponse) {
			e := onlyEmbed(t, r)
			if e.Title != llmHeading || e.Author.Name != "❓ what is an LLM exactly? @\u200beveryone" {
				t.Errorf("title %q, author %q", e.Title, e.Author.Name)
			}
		}},
		{"ask_markdown", OutcomeAnswered, func(t *testing.T, r *discordgo.InteractionResponse) {
			// Discord shows the author line without Markdown: as typed.
			if e := onlyEmbed(t, r); e.Author.Name != "❓ what is an *LLM* and `why` does it _matter_? @\u200beveryone" {
				t.Errorf("author %q, want the question as typed with the mention defused", e.Author.Name)
			}
		}},
		{"explain_this_empty", OutcomeNotCovered, func(t *testing.T, r *discordgo.InteractionResponse) {
			if !strings.Contains(r.Data.Content, "no text") {
				t.Errorf("content %q", r.Data.Content)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, _ := newBot(t, nil, Options{})
			i := loadInteraction(t, tt.name)
			reply := handleReply(t, b, i)
			r := reply.Response
			validate(t, i.Type, r)
			if r.Type != discordgo.InteractionApplicationCommandAutocompleteResult {
				noPingsExceptMention(t, r)
			}
			checkGolden(t, tt.name, r)
			tt.check(t, r)
			if reply.Outcome != tt.outcome {
				t.Errorf("outcome %s, want %s", reply.Outcome, tt.outcome)
			}
			if wantDefer := tt.name == "reload_unavailable"; reply.After != nil || reply.Defer != wantDefer {
				t.Errorf("reply defers (%v, want %v) or has After work (%v) for a command", reply.Defer, wantDefer, reply.After != nil)
			}
		})
	}
}

// observer records what a Lifecycle reports, for tests.
type observer struct {
	mu    sync.Mutex
	calls []observed
}

type observed struct {
	command string
	outcome Outcome
}

func (o *observer) ObserveInteraction(command string, outcome Outcome, d time.Duration) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.calls = append(o.calls, observed{command, outcome})
}

func (o *observer) all() []observed {
	o.mu.Lock()
	defer o.mu.Unlock()
	return append([]observed(nil), o.calls...)
}

func onlyEmbed(t *testing.T, r *discordgo.InteractionResponse) *discordgo.MessageEmbed {
	t.Helper()
	if r.Data == nil || len(r.Data.Embeds) != 1 {
		t.Fatalf("want one embed, got %+v", r.Data)
	}
	return r.Data.Embeds[0]
}

func field(e *discordgo.MessageEmbed, name string) *discordgo.MessageEmbedField {
	for _, f := range e.Fields {
		if f.Name == name {
			return f
		}
	}
	return nil
}

func wantButtons(t *testing.T, r *discordgo.InteractionResponse, labels ...string) {
	t.Helper()
	wantLabels(t, buttons(r), labels)
}

// wantLabels fails unless got holds exactly the buttons labelled labels.
func wantLabels(t *testing.T, got map[string]discordgo.Button, labels []string) {
	t.Helper()
	if len(got) != len(labels) {
		t.Errorf("buttons %v, want %v", got, labels)
	}
	for _, l := range labels {
		if _, ok := got[l]; !ok {
			t.Errorf("no %q button in %v", l, got)
		}
	}
}

// noPings checks the response can ping nobody.
func noPings(t *testing.T, r *discordgo.InteractionResponse) {
	t.Helper()
	am := r.Data.AllowedMentions
	if am == nil || am.Parse == nil || len(am.Parse) != 0 || len(am.Users) != 0 || len(am.Roles) != 0 {
		t.Errorf("allowed mentions %+v can ping", am)
	}
	noRawMentions(t, r)
}

// noPingsExceptMention is noPings that lets the content address the one
// user allowed_mentions names.
func noPingsExceptMention(t *testing.T, r *discordgo.InteractionResponse) {
	t.Helper()
	am := r.Data.AllowedMentions
	if am == nil || am.Parse == nil || len(am.Parse) != 0 || len(am.Roles) != 0 || len(am.Users) > 1 {
		t.Errorf("allowed mentions %+v can ping", am)
	}
	noRawMentions(t, r)
}

// noRawMentions checks that no embed text holds a mention a client could
// render: "@everyone", "@here", "<@" without the zero-width space.
func noRawMentions(t *testing.T, r *discordgo.InteractionResponse) {
	t.Helper()
	var texts []string
	for _, e := range r.Data.Embeds {
		texts = append(texts, e.Title, e.Description)
		if e.Author != nil {
			texts = append(texts, e.Author.Name)
		}
		if e.Footer != nil {
			texts = append(texts, e.Footer.Text)
		}
		for _, f := range e.Fields {
			texts = append(texts, f.Name, f.Value)
		}
	}
	if len(r.Data.AllowedMentions.Users) == 0 {
		texts = append(texts, r.Data.Content)
	}
	for _, s := range texts {
		if m := liveMention.FindString(s); m != "" {
			t.Errorf("%q holds a live mention %q", s, m)
		}
	}
}

// panicky is an Answerer whose answers panic.
type panicky struct{ Answerer }

func (panicky) Ask(context.Context, string) index.Answer { panic("boom") }
func (panicky) Suggest(context.Context, string, int) []index.Suggestion {
	panic("boom in suggest")
}

func TestHandlePanicGetsApology(t *testing.T) {
	b, logs := newBot(t, panicky{builtinIndex(t)}, Options{})
	for _, name := range []string{"explain_llm", "autocomplete_ll"} {
		i := loadInteraction(t, name)
		r := handleReply(t, b, i)
		validate(t, i.Type, r.Response)
		if i.Type == discordgo.InteractionApplicationCommand && r.Response.Data.Content != apologyText {
			t.Errorf("%s: content %q, want the apology", name, r.Response.Data.Content)
		}
		checkGolden(t, "apology_"+name, r.Response)
		if r.Outcome != OutcomeError {
			t.Errorf("%s: outcome %q, want error", name, r.Outcome)
		}
	}
	if !strings.Contains(logs.String(), "interaction=3000000000000000001") || !strings.Contains(logs.String(), "panicked") {
		t.Errorf("log lacks the interaction ID of the panic:\n%s", logs)
	}
}

func TestHandleErrors(t *testing.T) {
	b, _ := newBot(t, nil, Options{})
	if _, err := b.Handle(t.Context(), nil); !errors.Is(err, errNoInteraction) {
		t.Errorf("nil interaction: err %v", err)
	}
	if _, err := b.Handle(t.Context(), &discordgo.Interaction{ID: "1", Type: discordgo.InteractionType(99)}); err == nil {
		t.Error("unknown interaction type: no error")
	}
	r := handle(t, b, &discordgo.Interaction{ID: "1", Type: discordgo.InteractionPing})
	if r.Type != discordgo.InteractionResponsePong {
		t.Errorf("ping answered with type %d", r.Type)
	}
}

func TestCooldown(t *testing.T) {
	now := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	b, _ := newBot(t, nil, Options{CooldownAnswers: 2, CooldownWindow: 10 * time.Second})
	b.now = func() time.Time { return now }
	ask := loadInteraction(t, "explain_llm")
	dm := loadInteraction(t, "ask_dm")
	auto := loadInteraction(t, "autocomplete_ll")
	steps := []struct {
		i       *discordgo.Interaction
		advance time.Duration
		want    Outcome
	}{
		{ask, 0, OutcomeAnswered},
		{ask, time.Second, OutcomeAnswered},
		{ask, time.Second, OutcomeRateLimited},
		{auto, 0, OutcomeAnswered}, // autocomplete is never limited
		{dm, 0, OutcomeAnswered},   // another user, in a DM
		{ask, 7 * time.Second, OutcomeRateLimited},
		{ask, time.Second, OutcomeAnswered}, // the first answer left the window
	}
	for n, s := range steps {
		now = now.Add(s.advance)
		reply := handleReply(t, b, s.i)
		r := reply.Response
		validate(t, s.i.Type, r)
		if got := reply.Outcome; got != s.want {
			t.Fatalf("step %d: outcome %s, want %s", n, got, s.want)
		}
		if s.want == OutcomeRateLimited && (r.Data.Flags&discordgo.MessageFlagsEphemeral == 0 || !strings.Contains(r.Data.Content, "slow down")) {
			t.Errorf("step %d: %+v is not an ephemeral slow down", n, r.Data)
		}
		if n == 2 {
			checkGolden(t, "rate_limited", r)
		}
	}
}

// TestMultiArticle checks a second article: /topics groups by article, an
// answer cites its article, /compare offers a table option.
func TestMultiArticle(t *testing.T) {
	ix := twoArticleIndex(t)
	b, _ := newBot(t, ix, Options{})

	r := handle(t, b, loadInteraction(t, "topics"))
	validate(t, discordgo.InteractionApplicationCommand, r)
	if len(r.Data.Embeds) != 2 || r.Data.Embeds[1].Title != "Prompting basics" || !strings.Contains(r.Data.Embeds[1].Description, "• Few-shot prompting") {
		t.Errorf("topics embeds %+v, want a second one for Prompting basics", r.Data.Embeds)
	}

	i := loadInteraction(t, "ask_scope")
	i.ApplicationCommandData().Options[0].Value = "what is few-shot prompting"
	r = handle(t, b, i)
	validate(t, i.Type, r)
	e := onlyEmbed(t, r)
	if e.Title != "Few-shot prompting" || !strings.HasPrefix(e.Footer.Text, "Source: Prompting basics › Few-shot prompting\nclass notes, week 3") {
		t.Errorf("title %q footer %q, want the note cited", e.Title, e.Footer.Text)
	}

	// /compare's aspect completes from the index serving: every table's
	// rows, or the rows of the table picked.
	aspects := func(table, typed string) []string {
		opts := []*discordgo.ApplicationCommandInteractionDataOption{{Name: optAspect, Type: discordgo.ApplicationCommandOptionString, Value: typed, Focused: true}}
		if table != "" {
			opts = append(opts, &discordgo.ApplicationCommandInteractionDataOption{Name: optTable, Type: discordgo.ApplicationCommandOptionString, Value: table})
		}
		i := &discordgo.Interaction{ID: "1", Type: discordgo.InteractionApplicationCommandAutocomplete, Data: discordgo.ApplicationCommandInteractionData{Name: cmdCompare, Options: opts}}
		r := handle(t, b, i)
		validate(t, i.Type, r)
		if table == "" && typed == "" {
			checkGolden(t, "multi_autocomplete_aspect", r)
		}
		var names []string
		for _, c := range r.Data.Choices {
			names = append(names, c.Name)
		}
		return names
	}
	if got := aspects("", ""); len(got) != 7 {
		t.Errorf("aspects %v, want 5 + 2 from the notes", got)
	}
	if got := strings.Join(aspects("few-shot", ""), ","); got != "examples given,typical accuracy" {
		t.Errorf("aspects of the notes' table %q", got)
	}
	if got := strings.Join(aspects("", "acc"), ","); got != "typical accuracy" {
		t.Errorf("aspects for acc: %q", got)
	}

	ac := &discordgo.Interaction{ID: "1", Type: discordgo.InteractionApplicationCommandAutocomplete, Data: discordgo.ApplicationCommandInteractionData{
		Name: cmdCompare, Options: []*discordgo.ApplicationCommandInteractionDataOption{{Name: optTable, Type: discordgo.ApplicationCommandOptionString, Value: "few", Focused: true}},
	}}
	r = handle(t, b, ac)
	validate(t, ac.Type, r)
	checkGolden(t, "multi_autocomplete_table", r)
	if len(r.Data.Choices) != 1 || !strings.HasPrefix(r.Data.Choices[0].Name, "Few-shot prompting") {
		t.Fatalf("table choices %+v", r.Data.Choices)
	}
	ci := loadInteraction(t, "compare_scope")
	data := ci.Data.(discordgo.ApplicationCommandInteractionData)
	data.Options = []*discordgo.ApplicationCommandInteractionDataOption{
		{Name: optAspect, Type: discordgo.ApplicationCommandOptionString, Value: "typical accuracy"},
		{Name: optTable, Type: discordgo.ApplicationCommandOptionString, Value: r.Data.Choices[0].Value},
	}
	ci.Data = data
	r = handle(t, b, ci)
	validate(t, ci.Type, r)
	e = onlyEmbed(t, r)
	if len(e.Fields) != 2 || e.Fields[0].Value != "lower" || e.Fields[1].Value != "higher" {
		t.Errorf("fields %+v, want the notes' accuracy row", e.Fields)
	}
	checkGolden(t, "multi_compare_row", r)
}

// TestExplainEverySuggestion picks each topic the empty box suggests, and
// each heading, as a student would: the answer is that very section.
func TestExplainEverySuggestion(t *testing.T) {
	ix := builtinIndex(t)
	b, _ := newBot(t, ix, Options{CooldownAnswers: 1000})
	var topics []string
	for _, s := range ix.Suggest(t.Context(), "", 25) {
		topics = append(topics, s.Value)
	}
	for _, s := range knowledge.Builtin().Sections {
		topics = append(topics, s.Heading)
	}
	for _, topic := range topics {
		i := loadInteraction(t, "explain_llm")
		i.ApplicationCommandData().Options[0].Value = topic
		r := handle(t, b, i)
		validate(t, i.Type, r)
		if len(r.Data.Embeds) != 1 || r.Data.Embeds[0].Title != topic {
			t.Errorf("/explain %q answered %+v", topic, r.Data.Embeds)
		}
	}
}

// TestHandleConcurrently runs many students at once, for the race detector.
func TestHandleConcurrently(t *testing.T) {
	st := openStore(t)
	b, _ := newBot(t, nil, Options{Store: st, CooldownAnswers: 3})
	var wg sync.WaitGroup
	for n := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range 5 {
				i := loadInteraction(t, []string{"explain_llm", "ask_not_covered", "autocomplete_ll", "compare_scope"}[k%4])
				i.Member.User.ID = fmt.Sprintf("23000000000000001%02d", n)
				if r, err := b.Handle(context.Background(), i); err != nil || r.Response == nil {
					t.Errorf("Handle: %v", err)
				}
			}
		}()
	}
	wg.Wait()
}

// liveMention matches what a client would render as a mention.
var liveMention = regexp.MustCompile(`@everyone|@here|<@[!&]?\d+>`)
