package bot

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"runtime/debug"
	"time"

	"github.com/bwmarrin/discordgo"
)

// The deadlines of an interaction, the same in both modes.
const (
	// DefaultInlineTimeout bounds an answer sent as the callback. Discord
	// drops a callback that arrives after three seconds, so the apology
	// must be on its way before then.
	DefaultInlineTimeout = 2500 * time.Millisecond
	// DefaultDeferredTimeout bounds a deferred answer. The interaction
	// token lasts 15 minutes; /reload, the one deferred command, is
	// bounded by its own timeout well inside this.
	DefaultDeferredTimeout = 3 * time.Minute
	// sendTimeout bounds one callback, follow-up or After call.
	sendTimeout = 10 * time.Second
)

// A Callback sends an interaction's initial response: over REST in
// gateway mode, as the HTTP response in HTTP mode. Lifecycle.Serve calls
// it from its own goroutine, once, or twice when the first call failed
// (the second carries the apology).
type Callback = func(ctx context.Context, resp *discordgo.InteractionResponse) error

// Lifecycle carries out the bot's replies through one transport: the
// transport sends the callback, and the Lifecycle's REST session (which
// needs no bot token) sends the follow-up that replaces a deferred
// placeholder and runs After work. It is where the modes agree: the
// inline and deferred deadlines, the apology when handling fails or
// overruns or Discord refuses the reply, the follow-up after a deferral,
// and a shutdown (Close) that waits for the work still pending.
type Lifecycle struct {
	b          *Bot
	rest       *discordgo.Session
	afterDelay time.Duration
	work       pending
	// bg is the parent of the work that outlives Serve; Close cancels it
	// when its own deadline passes.
	bg     context.Context
	cancel context.CancelFunc
}

// NewLifecycle carries out b's replies with rest as the REST session.
// afterDelay is how long After work waits once the callback has been
// handed to the transport: zero when the callback is a REST call that has
// returned (gateway mode), a moment when it is an HTTP response that
// Discord has yet to read (HTTP mode), so a delete never arrives before
// the message it deletes.
func (b *Bot) NewLifecycle(rest *discordgo.Session, afterDelay time.Duration) *Lifecycle {
	bg, cancel := context.WithCancel(context.Background())
	return &Lifecycle{b: b, rest: rest, afterDelay: afterDelay, bg: bg, cancel: cancel}
}

// Serve answers i: a deferred reply gets its placeholder through callback
// and its answer later through the webhook; any other reply is handled
// within the inline deadline and sent through callback, the apology
// standing in for an answer that failed or was late. After work runs in
// the background once the callback is out. Serve returns once the
// callback has been sent; Close waits for the rest.
func (l *Lifecycle) Serve(ctx context.Context, i *discordgo.Interaction, callback Callback) {
	if i == nil {
		return
	}
	start := time.Now()
	if deferred, eph := deferral(i); deferred {
		var flags discordgo.MessageFlags
		if eph {
			flags = discordgo.MessageFlagsEphemeral
		}
		placeholder := &discordgo.InteractionResponse{
			Type: discordgo.InteractionResponseDeferredChannelMessageWithSource,
			Data: &discordgo.InteractionResponseData{Flags: flags},
		}
		if err := l.respond(ctx, i, callback, placeholder); err != nil {
			l.observe(i, OutcomeError, time.Since(start))
			return
		}
		l.work.goTracked(func() { l.finish(i, start) })
		return
	}
	r := l.reply(ctx, i, l.b.opts.InlineTimeout)
	if err := l.respond(ctx, i, callback, r.Response); err != nil {
		r.Outcome, r.After = OutcomeError, nil
	}
	l.observe(i, r.Outcome, time.Since(start))
	if r.After != nil {
		l.work.goTracked(func() { l.after(i, r.After) })
	}
}

// Close waits for the work Serve left running: deferred answers, After
// work, and handlers that outran their deadline. If ctx ends first it
// cancels that work and returns an error.
func (l *Lifecycle) Close(ctx context.Context) error {
	if err := l.work.wait(ctx); err != nil {
		l.cancel()
		return fmt.Errorf("wait for pending interaction work: %w", err)
	}
	return nil
}

// reply runs Handle within d. The handler runs in its own goroutine, so one
// that ignores its context still cannot make the reply late; it is tracked
// until it returns. An error, an empty reply or one not ready in time is
// the apology.
func (l *Lifecycle) reply(ctx context.Context, i *discordgo.Interaction, d time.Duration) Reply {
	ctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	type result struct {
		r   Reply
		err error
	}
	done := make(chan result, 1)
	l.work.goTracked(func() {
		r, err := l.b.Handle(ctx, i)
		done <- result{r, err}
	})
	var res result
	select {
	case res = <-done:
		// A reply that came as the deadline passed is as late as one
		// that did not come: which of the two the select saw is chance.
		if res.err == nil && ctx.Err() != nil {
			res.err = fmt.Errorf("answer ready after the %v deadline", d)
		}
	case <-ctx.Done():
		res.err = fmt.Errorf("no answer within %v: %w", d, ctx.Err())
	}
	if res.err == nil && (res.r.Response == nil || res.r.Response.Type == 0) {
		res.err = errors.New("handler returned no response")
	}
	if res.err != nil {
		l.b.lg.Error("interaction not answered; sending the apology", "interaction", i.ID, "command", commandName(i), "err", res.err)
		return apologize(i)
	}
	return res.r
}

// respond sends resp through callback. When that fails (Discord refused
// the reply, or it could not be encoded) and resp is not the apology
// already, the apology follows, so the user learns something went wrong;
// the error is returned either way.
func (l *Lifecycle) respond(ctx context.Context, i *discordgo.Interaction, callback Callback, resp *discordgo.InteractionResponse) error {
	ctx, cancel := context.WithTimeout(ctx, sendTimeout)
	defer cancel()
	err := safely(func() error { return callback(ctx, resp) })
	if err == nil {
		return nil
	}
	l.b.lg.Warn("send interaction callback", "interaction", i.ID, "command", commandName(i), "err", err)
	if resp.Type == discordgo.InteractionResponseDeferredChannelMessageWithSource || isApology(resp) {
		return err
	}
	if aerr := safely(func() error { return callback(ctx, apology(i)) }); aerr != nil {
		l.b.lg.Warn("send the apology instead", "interaction", i.ID, "err", aerr)
	}
	return err
}

// finish is the background half of a deferred interaction: answer within
// the deferred deadline, then replace the placeholder, with the apology if
// the answer failed or Discord refused it.
func (l *Lifecycle) finish(i *discordgo.Interaction, start time.Time) {
	r := l.reply(l.bg, i, l.b.opts.DeferredTimeout)
	ctx, cancel := context.WithTimeout(l.bg, sendTimeout)
	defer cancel()
	err := safely(func() error { return l.b.followUp(ctx, l.rest, i, r.Response) })
	if err != nil {
		l.b.lg.Warn("send deferred answer", "interaction", i.ID, "command", commandName(i), "err", err)
		if !isApology(r.Response) {
			if aerr := safely(func() error { return l.b.followUp(ctx, l.rest, i, apology(i)) }); aerr != nil {
				l.b.lg.Warn("send the apology instead", "interaction", i.ID, "err", aerr)
			}
		}
		r.Outcome, r.After = OutcomeError, nil
	}
	l.observe(i, r.Outcome, time.Since(start))
	if r.After != nil {
		l.after(i, r.After)
	}
}

// after runs f once afterDelay has passed, unless Close gave up first.
func (l *Lifecycle) after(i *discordgo.Interaction, f AfterFunc) {
	if l.afterDelay > 0 {
		t := time.NewTimer(l.afterDelay)
		select {
		case <-t.C:
		case <-l.bg.Done():
			t.Stop()
			return
		}
	}
	ctx, cancel := context.WithTimeout(l.bg, sendTimeout)
	defer cancel()
	if err := safely(func() error { return f(ctx, l.rest) }); err != nil {
		l.b.lg.Warn("after answering interaction", "interaction", i.ID, "command", commandName(i), "err", err)
	}
}

func (l *Lifecycle) observe(i *discordgo.Interaction, o Outcome, d time.Duration) {
	if l.b.opts.Observer != nil {
		l.b.opts.Observer.ObserveInteraction(commandName(i), o, d)
	}
}

// safely runs f, turning a panic (a REST client's, a transport's) into an
// error: discordgo runs handlers without recover, and one panic would end
// the process.
func safely(f func() error) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("panic: %v\n%s", p, debug.Stack())
		}
	}()
	return f()
}

// isApology reports whether resp is the apology, which is not sent twice.
func isApology(resp *discordgo.InteractionResponse) bool {
	return resp != nil && resp.Data != nil && (resp.Data.Content == apologyText ||
		resp.Type == discordgo.InteractionApplicationCommandAutocompleteResult && len(resp.Data.Choices) == 0)
}

// followUp replaces a deferred placeholder with resp by editing it through
// the interaction's webhook, which needs no bot token. A response with no
// message sends nothing.
func (b *Bot) followUp(ctx context.Context, s *discordgo.Session, i *discordgo.Interaction, resp *discordgo.InteractionResponse) error {
	if resp == nil || resp.Data == nil {
		return nil
	}
	switch resp.Type {
	case discordgo.InteractionResponseChannelMessageWithSource, discordgo.InteractionResponseUpdateMessage:
	default:
		return nil
	}
	if s == nil {
		return errors.New("send follow-up: no REST session")
	}
	content := resp.Data.Content
	embeds := resp.Data.Embeds
	if embeds == nil {
		embeds = []*discordgo.MessageEmbed{}
	}
	comps := resp.Data.Components
	if comps == nil {
		comps = []discordgo.MessageComponent{}
	}
	mentions := resp.Data.AllowedMentions
	if mentions == nil {
		mentions = noMentions()
	}
	edit := &discordgo.WebhookEdit{Content: &content, Embeds: &embeds, Components: &comps, AllowedMentions: mentions}
	// The placeholder may not be Discord's yet when the answer is ready (in
	// HTTP mode it travels back as the HTTP response): a 404 is tried again,
	// a few times, before it counts.
	wait := followUpRetry
	for attempt := 1; ; attempt++ {
		_, err := s.InteractionResponseEdit(b.withAppID(i), edit, discordgo.WithContext(ctx))
		var rest *discordgo.RESTError
		switch {
		case err == nil:
			return nil
		case attempt < followUpAttempts && errors.As(err, &rest) && rest.Response != nil && rest.Response.StatusCode == http.StatusNotFound:
		default:
			return fmt.Errorf("send follow-up to interaction %s: %w", i.ID, err)
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("send follow-up to interaction %s: %w", i.ID, ctx.Err())
		case <-time.After(wait):
		}
		wait *= 2
	}
}

// A follow-up that finds no placeholder yet is tried followUpAttempts
// times, waiting followUpRetry, then twice as long, between tries.
const (
	followUpAttempts = 4
	followUpRetry    = 100 * time.Millisecond
)

// withAppID fills in the application ID a webhook call needs when the
// interaction lacks it.
func (b *Bot) withAppID(i *discordgo.Interaction) *discordgo.Interaction {
	if i.AppID != "" {
		return i
	}
	c := *i
	c.AppID = b.AppID()
	return &c
}
