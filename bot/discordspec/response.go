package discordspec

import (
	"errors"
	"fmt"

	"github.com/bwmarrin/discordgo"
)

// ValidateResponse checks an interaction response when the caller does not
// say what it answers. Everything is checked except the pairing of callback
// type and interaction type, with one exception: types 6 and 7 (deferred
// update, update message) are refused, because they are valid only for
// component interactions and nothing here says this was one. Use
// ValidateResponseFor to state the interaction type.
func (s *Spec) ValidateResponse(r *discordgo.InteractionResponse) error {
	return s.ValidateResponseFor(0, r)
}

// ValidateResponseFor checks an interaction response as the answer to an
// interaction of type it, so the callback type must fit it too (an
// autocomplete gets type 8, a ping type 1, only a component may get 6 or 7).
// An it of 0 means "not stated", as in ValidateResponse.
func (s *Spec) ValidateResponseFor(it discordgo.InteractionType, r *discordgo.InteractionResponse) error {
	if r == nil {
		return errors.New("validate interaction response: nil response")
	}
	body, err := marshal("interaction response", r)
	if err != nil {
		return err
	}
	return s.validateResponse(it, body, r.Data != nil && len(r.Data.Files) > 0)
}

// ValidateResponseJSON checks a raw interaction response body, such as the
// one an HTTP interactions endpoint writes; it is 0 when not stated.
func (s *Spec) ValidateResponseJSON(it discordgo.InteractionType, body []byte) error {
	return s.validateResponse(it, body, false)
}

func (s *Spec) validateResponse(it discordgo.InteractionType, body []byte, hasFiles bool) error {
	const payload = "interaction response"
	doc, err := decode(body)
	if err != nil {
		return fmt.Errorf("validate %s: %w", payload, err)
	}
	r := &report{}
	validateSchema(r, s.roots[rootCallback], doc)
	resp, _ := doc.(map[string]any)
	if resp == nil {
		return r.err(payload)
	}
	li := &s.limits.Interaction
	cb := li.CallbackTypes
	typ, _ := integer(resp, "type")
	data := obj(resp, "data")
	dloc := at(nil, "data")

	s.checkPairing(r, int64(it), typ)

	switch typ {
	case int64(cb["CHANNEL_MESSAGE_WITH_SOURCE"]):
		s.checkMessage(r, dloc, data, msgRules{creates: true, noPings: true, hasFiles: hasFiles})
	case int64(cb["UPDATE_MESSAGE"]):
		s.checkMessage(r, dloc, data, msgRules{noPings: true})
	case int64(cb["DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE"]):
		flags, _ := integer(data, "flags")
		if eph := int64(li.ResponseFlagsAllowed["EPHEMERAL"]); flags&^eph != 0 {
			r.add(at(dloc, "flags"), "limits: interaction.deferred_type5_only_flag",
				"a deferred response (type 5) may set only EPHEMERAL (%d), got %d", eph, flags)
		}
	case int64(cb["APPLICATION_COMMAND_AUTOCOMPLETE_RESULT"]):
		s.checkChoices(r, at(dloc, "choices"), arr(data, "choices"), li.AutocompleteChoicesMax, "limits: interaction.autocomplete_choices_max")
	case int64(cb["MODAL"]):
		id, _ := str(data, "custom_id")
		checkRange(r, at(dloc, "custom_id"), "limits: interaction.modal.custom_id_len", runes(id), li.Modal.CustomIDLen)
		title, _ := str(data, "title")
		checkRange(r, at(dloc, "title"), "limits: interaction.modal.title_max", runes(title), [2]int{1, li.Modal.TitleMax})
		n, want := len(arr(data, "components")), li.Modal.ComponentsDocs
		switch {
		case n < want[0]:
			r.add(at(dloc, "components"), "limits: interaction.modal.components_docs", "%d items < %d", n, want[0])
		case n > want[1]:
			r.add(at(dloc, "components"), "limits: interaction.modal.components_docs", "%d items > %d (Discord's docs; the schema allows more)", n, want[1])
		}
	}
	return r.err(payload)
}

// checkPairing checks that callback type typ may answer interaction type it
// (0: not stated).
func (s *Spec) checkPairing(r *report, it, typ int64) {
	li := &s.limits.Interaction
	cb, in := li.CallbackTypes, li.InteractionTypes
	loc := at(nil, "type")
	name := fmt.Sprintf("%d (%s)", typ, s.limits.callbackName(typ))
	itName := fmt.Sprintf("%d (%s)", it, s.limits.interactionName(it))
	if li.Types67OnlyComponents && (typ == int64(cb["DEFERRED_UPDATE_MESSAGE"]) || typ == int64(cb["UPDATE_MESSAGE"])) &&
		it != int64(in["MESSAGE_COMPONENT"]) {
		if it == 0 {
			r.add(loc, "limits: interaction.types_6_7_only_for_component_interactions",
				"%s answers only component interactions, and the caller did not say this was one (use ValidateResponseFor)", name)
		} else {
			r.add(loc, "limits: interaction.types_6_7_only_for_component_interactions",
				"%s answers only component interactions, not interaction type %s", name, itName)
		}
	}
	if it == 0 {
		return
	}
	if typ == int64(cb["MODAL"]) {
		for _, no := range li.ModalNotAllowedFor {
			if it == int64(in[no]) {
				r.add(loc, "limits: interaction.modal_not_allowed_for", "a modal cannot answer interaction type %s", itName)
			}
		}
	}
	const docs = "discord docs: receiving-and-responding (PING gets PONG, autocomplete gets type 8, and only they)"
	pairs := [][2]string{{"PING", "PONG"}, {"APPLICATION_COMMAND_AUTOCOMPLETE", "APPLICATION_COMMAND_AUTOCOMPLETE_RESULT"}}
	for _, p := range pairs {
		isIn, isCb := it == int64(in[p[0]]), typ == int64(cb[p[1]])
		if isIn != isCb {
			r.add(loc, docs, "%s cannot answer interaction type %s", name, itName)
		}
	}
}
