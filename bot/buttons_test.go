package bot

import (
	"context"
	"errors"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/explainbot/explainbot/bot/store"
	"github.com/explainbot/explainbot/internal/testlog"
)

const asker = "2300000000000000001" // the member in testdata/interactions

func openStore(t *testing.T) *store.Store {
	t.Helper()
	lg, _ := testlog.New(t)
	// A clock one minute a record, so the golden /unanswered list is stable.
	var ticks atomic.Int64
	start := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	s, err := store.Open(t.Context(), lg, t.TempDir(), store.Options{Now: func() time.Time {
		return start.Add(time.Duration(ticks.Add(1)) * time.Minute)
	}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// TestButtons presses each button of a real answer, as Discord would send
// the press back with the message it sat on.
func TestButtons(t *testing.T) {
	st := openStore(t)
	b, _ := newBot(t, nil, Options{Store: st})
	i := loadInteraction(t, "ask_mentions")
	answer := handle(t, b, i)
	msg := pressable(answer)
	// A "not covered" reply offers topics; each button opens its section.
	topics := pressable(handle(t, b, loadInteraction(t, "ask_not_covered")))

	tests := []struct {
		name   string
		label  string
		user   string
		perms  int64
		golden bool
		check  func(t *testing.T, r *discordgo.InteractionResponse)
	}{
		{"button_full_section", llmHeading, "2300000000000000005", 0, true, func(t *testing.T, r *discordgo.InteractionResponse) {
			if r.Data.Flags&discordgo.MessageFlagsEphemeral == 0 || len(r.Data.Embeds) != 1 {
				t.Fatalf("want one ephemeral embed, got %+v", r.Data)
			}
			e := r.Data.Embeds[0]
			if e.Title != llmHeading || !strings.Contains(e.Description, "- Anthropic’s Claude") || !strings.Contains(e.Description, "chatbot interactions.") {
				t.Errorf("section embed %q / %q lacks the whole section", e.Title, e.Description)
			}
		}},
		{"button_table", "Difference table", "2300000000000000005", 0, true, func(t *testing.T, r *discordgo.InteractionResponse) {
			e := onlyEmbed(t, r)
			if r.Data.Flags&discordgo.MessageFlagsEphemeral == 0 || len(e.Fields) != 5 || e.Fields[4].Name != "Applications" {
				t.Errorf("table embed %+v", e)
			}
		}},
		{"button_helpful", "Helpful", "2300000000000000005", 0, true, func(t *testing.T, r *discordgo.InteractionResponse) {
			if r.Data.Content != "Thanks for the feedback!" || r.Data.Flags&discordgo.MessageFlagsEphemeral == 0 {
				t.Errorf("reply %+v", r.Data)
			}
		}},
		{"button_not_helpful", "Not helpful", "2300000000000000006", 0, false, nil},
		{"button_dismiss_stranger", "Dismiss", "2300000000000000005", 0, true, func(t *testing.T, r *discordgo.InteractionResponse) {
			if r.Type != discordgo.InteractionResponseChannelMessageWithSource || r.Data.Flags&discordgo.MessageFlagsEphemeral == 0 || !strings.Contains(r.Data.Content, "Only the person who asked") {
				t.Errorf("stranger got %+v", r)
			}
		}},
		{"button_dismiss_asker", "Dismiss", asker, 0, true, func(t *testing.T, r *discordgo.InteractionResponse) {
			if r.Type != discordgo.InteractionResponseDeferredMessageUpdate || r.Data != nil {
				t.Errorf("asker got %+v, want a deferred update", r)
			}
		}},
		{"button_dismiss_moderator", "Dismiss", "2300000000000000007", discordgo.PermissionManageMessages, false, func(t *testing.T, r *discordgo.InteractionResponse) {
			if r.Type != discordgo.InteractionResponseDeferredMessageUpdate {
				t.Errorf("moderator got %+v, want a deferred update", r)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			on := msg
			if tt.label == llmHeading {
				on = topics
			}
			p := press(on, tt.label, tt.user, tt.perms)
			if p.Data.(discordgo.MessageComponentInteractionData).CustomID == "" {
				t.Fatalf("the answer has no %q button", tt.label)
			}
			reply := handleReply(t, b, p)
			r := reply.Response
			validate(t, p.Type, r)
			if r.Data != nil {
				noPings(t, r)
			}
			if tt.golden {
				checkGolden(t, tt.name, r)
			}
			if tt.check != nil {
				tt.check(t, r)
			}
			wantAfter := r.Type == discordgo.InteractionResponseDeferredMessageUpdate
			if got := reply.After != nil; got != wantAfter {
				t.Errorf("After has work: %v, want %v", got, wantAfter)
			}
		})
	}

	fb, err := st.Feedback(t.Context(), 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(fb) != 1 || fb[0].AnswerKey != "builtin:generative-ai-vs-llms.md#what-are-large-language-models-llms" ||
		fb[0].Heading != llmHeading || fb[0].Helpful != 1 || fb[0].NotHelpful != 1 {
		t.Errorf("feedback record %+v, want one vote each way on the LLM section", fb)
	}
}

// The question is read back from the answer itself, unescaped.
func TestQuestionOfAnswer(t *testing.T) {
	b, _ := newBot(t, nil, Options{})
	i := loadInteraction(t, "ask_mentions")
	msg := pressable(handle(t, b, i))
	if got, want := questionOf(msg), "@everyone what is an llm <@123> <@&456>"; got != want {
		t.Errorf("question %q, want %q", got, want)
	}
	if got := questionOf(&discordgo.Message{}); got != "" {
		t.Errorf("question of an empty message %q", got)
	}
}

func TestDismissFallsBackToInteractionMetadata(t *testing.T) {
	msg := &discordgo.Message{InteractionMetadata: &discordgo.MessageInteractionMetadata{User: &discordgo.User{ID: asker}}}
	old := buttonID{action: actDismiss}
	for _, tt := range []struct {
		user string
		want bool
	}{{asker, true}, {"2300000000000000005", false}} {
		i := &discordgo.Interaction{Type: discordgo.InteractionMessageComponent, Message: msg, User: &discordgo.User{ID: tt.user}}
		if got := mayDismiss(i, old); got != tt.want {
			t.Errorf("user %s may dismiss: %v, want %v", tt.user, got, tt.want)
		}
	}
}

func TestUnknownButton(t *testing.T) {
	b, _ := newBot(t, nil, Options{})
	for _, id := range []string{"nonsense", "x1:full:00000000:0", "x1:full:60acf675:99", "x1:dis:notanid"} {
		i := &discordgo.Interaction{ID: "1", Type: discordgo.InteractionMessageComponent,
			Data: discordgo.MessageComponentInteractionData{CustomID: id, ComponentType: discordgo.ButtonComponent}}
		r := handle(t, b, i)
		validate(t, i.Type, r)
		if r.Data.Flags&discordgo.MessageFlagsEphemeral == 0 || r.Data.Content == "" {
			t.Errorf("%s: reply %+v, want an ephemeral explanation", id, r.Data)
		}
		switch id {
		case "nonsense":
			checkGolden(t, "button_unknown", r)
		case "x1:full:60acf675:99":
			checkGolden(t, "button_moved", r)
		}
	}
}

// TestRecords checks what the teacher's record gets: unanswered and
// low-confidence questions, and /unanswered showing them.
func TestRecords(t *testing.T) {
	st := openStore(t)
	b, _ := newBot(t, nil, Options{Store: st, CooldownAnswers: 100})
	for _, q := range []string{"quantum chromodynamics", "quantum chromodynamics", "@everyone knitting patterns"} {
		i := loadInteraction(t, "ask_not_covered")
		i.ApplicationCommandData().Options[0].Value = q
		validate(t, i.Type, handle(t, b, i))
	}
	validate(t, discordgo.InteractionApplicationCommand, handle(t, b, loadInteraction(t, "explain_llm")))
	rep, err := st.Unanswered(t.Context(), 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Frequent) != 2 || rep.Frequent[0].Text != "quantum chromodynamics" || rep.Frequent[0].N != 2 || len(rep.Latest) != 3 {
		t.Fatalf("record %+v, want the two unanswered questions only", rep)
	}

	i := loadInteraction(t, "unanswered_off")
	r := handle(t, b, i)
	validate(t, i.Type, r)
	noPings(t, r)
	checkGolden(t, "unanswered_list", r)
	e := onlyEmbed(t, r)
	if r.Data.Flags&discordgo.MessageFlagsEphemeral == 0 || len(e.Fields) != 2 ||
		!strings.Contains(e.Fields[0].Value, "**2×** quantum chromodynamics (1 asker)") ||
		!strings.Contains(e.Fields[1].Value, "@\u200beveryone knitting patterns") {
		t.Errorf("/unanswered gave %+v", e.Fields)
	}
}

func TestLowConfidenceRecorded(t *testing.T) {
	st := openStore(t)
	b, _ := newBot(t, nil, Options{Store: st})
	a := b.answerer.Ask(t.Context(), "llm knitting")
	if !a.Answered || a.Confidence >= 0.75 {
		t.Fatalf("the question is no longer a low-confidence answer (%v, %.2f); pick another", a.Answered, a.Confidence)
	}
	i := loadInteraction(t, "ask_scope")
	i.ApplicationCommandData().Options[0].Value = "llm knitting"
	validate(t, i.Type, handle(t, b, i))
	rep, err := st.Unanswered(t.Context(), 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Latest) != 1 || rep.Latest[0].Kind != store.LowConfidence || rep.Latest[0].Text != "llm knitting" {
		t.Errorf("record %+v, want one low-confidence question", rep.Latest)
	}
}

func TestReload(t *testing.T) {
	calls := 0
	var fail error
	b, _ := newBot(t, nil, Options{Reload: func(ctx context.Context) error {
		calls++
		return fail
	}})
	i := loadInteraction(t, "reload_unavailable")
	if reply := handleReply(t, b, i); !reply.Defer || !reply.Ephemeral {
		t.Errorf("/reload: Defer %v, Ephemeral %v; want an ephemeral placeholder", reply.Defer, reply.Ephemeral)
	}
	r := handle(t, b, i)
	validate(t, i.Type, r)
	checkGolden(t, "reload_done", r)
	if calls != 2 || r.Data.Content != "Reloaded: 1 articles, 8 sections." {
		t.Errorf("reload: %d calls, reply %q", calls, r.Data.Content)
	}
	fail = errors.New("notes/week4.md:12: ragged table @everyone")
	r = handle(t, b, i)
	validate(t, i.Type, r)
	checkGolden(t, "reload_failed", r)
	if !strings.Contains(r.Data.Content, "Reload failed") || !strings.Contains(r.Data.Content, "notes/week4.md:12: ragged table @\u200beveryone") {
		t.Errorf("failed reload reply %q", r.Data.Content)
	}
}
