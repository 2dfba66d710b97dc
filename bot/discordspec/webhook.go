package discordspec

import (
	"errors"
	"fmt"

	"github.com/bwmarrin/discordgo"
)

// ValidateFollowup checks a followup message (POST /webhooks/{app}/{token})
// with the same message rules as a type 4 response, the no-pings rule
// included.
func (s *Spec) ValidateFollowup(p *discordgo.WebhookParams) error {
	if p == nil {
		return errors.New("validate followup message: nil params")
	}
	body, err := marshal("followup message", p)
	if err != nil {
		return err
	}
	return s.validateFollowup(body, len(p.Files) > 0)
}

// ValidateFollowupJSON checks a raw followup message body.
func (s *Spec) ValidateFollowupJSON(body []byte) error { return s.validateFollowup(body, false) }

func (s *Spec) validateFollowup(body []byte, hasFiles bool) error {
	const payload = "followup message"
	doc, err := decode(body)
	if err != nil {
		return fmt.Errorf("validate %s: %w", payload, err)
	}
	r := &report{}
	validateSchema(r, s.roots[rootFollowup], doc)
	if m, ok := doc.(map[string]any); ok {
		s.checkMessage(r, nil, m, msgRules{creates: true, noPings: true, hasFiles: hasFiles})
	}
	return r.err(payload)
}

// ValidateEdit checks an edit of the original response (PATCH
// /webhooks/{app}/{token}/messages/@original), the usual way a deferred
// answer is delivered. Only the fields sent are checked; an edit that sets
// content must carry allowed_mentions {"parse": []} (the no-pings rule),
// because the first edit after a deferral is what posts the answer.
func (s *Spec) ValidateEdit(e *discordgo.WebhookEdit) error {
	if e == nil {
		return errors.New("validate original response edit: nil edit")
	}
	body, err := marshal("original response edit", e)
	if err != nil {
		return err
	}
	return s.ValidateEditJSON(body)
}

// ValidateEditJSON checks a raw edit body.
func (s *Spec) ValidateEditJSON(body []byte) error {
	const payload = "original response edit"
	doc, err := decode(body)
	if err != nil {
		return fmt.Errorf("validate %s: %w", payload, err)
	}
	r := &report{}
	validateSchema(r, s.roots[rootEdit], doc)
	if m, ok := doc.(map[string]any); ok {
		s.checkMessage(r, nil, m, msgRules{noPings: has(m, "content")})
	}
	return r.err(payload)
}

// ValidateEmbed checks one embed on its own (schema richEmbed and the
// per-embed limits, its own total included), for tests of code that renders
// embeds before they are put in a message.
func (s *Spec) ValidateEmbed(e *discordgo.MessageEmbed) error {
	if e == nil {
		return errors.New("validate embed: nil embed")
	}
	body, err := marshal("embed", e)
	if err != nil {
		return err
	}
	const payload = "embed"
	doc, err := decode(body)
	if err != nil {
		return fmt.Errorf("validate %s: %w", payload, err)
	}
	r := &report{}
	validateSchema(r, s.roots[rootRichEmbed], doc)
	// Checked as the only embed of a message; paths then read "[0].title",
	// so drop that synthetic index.
	sub := &report{}
	s.checkEmbeds(sub, nil, []any{doc})
	for _, v := range sub.list {
		if len(v.loc) > 0 && v.loc[0] == "0" {
			v.loc = v.loc[1:]
			v.Path = renderPath(v.loc)
		}
		r.list = append(r.list, v)
	}
	return r.err(payload)
}
