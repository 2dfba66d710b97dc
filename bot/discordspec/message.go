package discordspec

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Message component types and button styles, as Discord numbers them.
const (
	compActionRow   = 1
	compButton      = 2
	compStringSel   = 3
	compTextDisplay = 10

	styleLink    = 5
	stylePremium = 6
)

// selectTypes are the select menus: string, user, role, mentionable, channel.
var selectTypes = []int64{compStringSel, 5, 6, 7, 8}

// sourceNoPings labels the one rule that is ours, not Discord's.
const sourceNoPings = "ours: no-pings"

// msgRules says which of the message rules apply to one message body.
type msgRules struct {
	// creates is set when the body makes a new message (type 4 response,
	// followup): it must not be empty.
	creates bool
	// noPings requires allowed_mentions with an empty parse list.
	noPings bool
	// hasFiles is set when files go as multipart parts, which the JSON
	// body does not show; a files-only message is not empty.
	hasFiles bool
	// channel is set for a message posted to a channel (Create Message)
	// rather than through an interaction: it cannot be ephemeral.
	channel bool
}

// checkMessage applies the message rules to the object m found at loc.
func (s *Spec) checkMessage(r *report, loc []string, m map[string]any, rules msgRules) {
	lm := &s.limits.Message
	content, _ := str(m, "content")
	if n := runes(content); n > lm.ContentMax {
		r.add(at(loc, "content"), "limits: message.content_max", "%d runes > %d", n, lm.ContentMax)
	}
	flags, _ := integer(m, "flags")
	if has(m, "flags") {
		s.checkFlags(r, at(loc, "flags"), flags, rules.channel)
	}
	v2 := flags&int64(lm.V2.Flag) != 0
	embeds := arr(m, "embeds")
	if v2 && lm.V2.NoContentOrEmbeds {
		if content != "" {
			r.add(at(loc, "content"), "limits: message.components_v2.content_and_embeds_disabled", "not allowed with the IS_COMPONENTS_V2 flag; use a text display")
		}
		if len(embeds) > 0 {
			r.add(at(loc, "embeds"), "limits: message.components_v2.content_and_embeds_disabled", "not allowed with the IS_COMPONENTS_V2 flag")
		}
	}
	s.checkEmbeds(r, at(loc, "embeds"), embeds)
	s.checkComponents(r, at(loc, "components"), arr(m, "components"), v2)
	s.checkMentions(r, loc, m, rules.noPings)
	if rules.creates && content == "" && len(embeds) == 0 && len(arr(m, "components")) == 0 &&
		len(arr(m, "attachments")) == 0 && !has(m, "poll") && !rules.hasFiles {
		r.add(loc, "discord API: error 50006 Cannot send an empty message",
			"message is empty: no content, embeds, components, attachments, poll or files")
	}
}

// checkFlags accepts only the flags Discord allows on interaction replies,
// or on a channel message (channel): the same but EPHEMERAL, which only an
// interaction's reply can be (Discord's Create Message docs list
// SUPPRESS_EMBEDS, SUPPRESS_NOTIFICATIONS, IS_VOICE_MESSAGE and
// IS_COMPONENTS_V2).
func (s *Spec) checkFlags(r *report, loc []string, flags int64, channel bool) {
	var allowed int64
	type named struct {
		name string
		v    int
	}
	var names []named
	source := "limits: interaction.response_flags_allowed"
	if channel {
		source = "discord docs: Create Message flags (interaction.response_flags_allowed but EPHEMERAL)"
	}
	for name, v := range s.limits.Interaction.ResponseFlagsAllowed {
		if channel && name == "EPHEMERAL" {
			continue
		}
		allowed |= int64(v)
		names = append(names, named{name, v})
	}
	if flags&^allowed == 0 {
		return
	}
	slices.SortFunc(names, func(a, b named) int { return cmp.Compare(a.v, b.v) })
	list := make([]string, len(names))
	for i, n := range names {
		list[i] = fmt.Sprintf("%s (%d)", n.name, n.v)
	}
	r.add(loc, source, "%d sets bits %d that are not allowed; allowed: %s",
		flags, flags&^allowed, strings.Join(list, ", "))
}

// embedTotalFields reads each field that limits.json's total_counts names,
// counted as Discord counts it: trimmed runes.
var embedTotalFields = map[string]func(e map[string]any) int{
	"title":       func(e map[string]any) int { return trimmedText(e, "title") },
	"description": func(e map[string]any) int { return trimmedText(e, "description") },
	"field.name":  func(e map[string]any) int { return sumFields(e, "name") },
	"field.value": func(e map[string]any) int { return sumFields(e, "value") },
	"footer.text": func(e map[string]any) int { return trimmedText(obj(e, "footer"), "text") },
	"author.name": func(e map[string]any) int { return trimmedText(obj(e, "author"), "name") },
}

func trimmedText(m map[string]any, key string) int {
	s, _ := str(m, key)
	return trimmedRunes(s)
}

func sumFields(e map[string]any, key string) int {
	n := 0
	for _, f := range arr(e, "fields") {
		if fm, ok := f.(map[string]any); ok {
			n += trimmedText(fm, key)
		}
	}
	return n
}

// checkEmbeds applies the per-embed limits and the total across all embeds
// of the message, which no schema can express.
func (s *Spec) checkEmbeds(r *report, loc []string, embeds []any) {
	le := &s.limits.Message.Embed
	if len(embeds) > s.limits.Message.EmbedsMax {
		r.add(loc, "limits: message.embeds_max", "%d items > %d", len(embeds), s.limits.Message.EmbedsMax)
	}
	total := 0
	for i, e := range embeds {
		em, ok := e.(map[string]any)
		if !ok {
			continue
		}
		eloc := at(loc, i)
		maxText(r, at(eloc, "title"), "limits: message.embed.title", trimmedText(em, "title"), le.Title)
		maxText(r, at(eloc, "description"), "limits: message.embed.description", trimmedText(em, "description"), le.Description)
		maxText(r, at(eloc, "footer", "text"), "limits: message.embed.footer_text", trimmedText(obj(em, "footer"), "text"), le.FooterText)
		maxText(r, at(eloc, "author", "name"), "limits: message.embed.author_name", trimmedText(obj(em, "author"), "name"), le.AuthorName)
		fields := arr(em, "fields")
		if len(fields) > le.FieldsMax {
			r.add(at(eloc, "fields"), "limits: message.embed.fields_max", "%d items > %d", len(fields), le.FieldsMax)
		}
		for j, f := range fields {
			fm, ok := f.(map[string]any)
			if !ok {
				continue
			}
			for _, f := range []struct {
				key, source string
				max         int
			}{{"name", "limits: message.embed.field_name", le.FieldName}, {"value", "limits: message.embed.field_value", le.FieldValue}} {
				n := trimmedText(fm, f.key)
				maxText(r, at(eloc, "fields", j, f.key), f.source, n, f.max)
				if n == 0 {
					r.add(at(eloc, "fields", j, f.key), "discord API: embed field name and value must not be empty",
						"empty (after trimming); Discord rejects it")
				}
			}
		}
		for _, name := range le.TotalCounts {
			total += embedTotalFields[name](em)
		}
	}
	if total > le.Total {
		r.add(loc, "limits: message.embed.total_chars_all_embeds", "%d runes in all embeds > %d (counting %s, trimmed)",
			total, le.Total, strings.Join(le.TotalCounts, ", "))
	}
}

func maxText(r *report, loc []string, source string, n, max int) {
	if n > max {
		r.add(loc, source, "%d runes > %d", n, max)
	}
}

// checkComponents applies the component rules. Without the IS_COMPONENTS_V2
// flag only action rows may be top-level (at most 5); with it, the whole tree
// counts against one total.
func (s *Spec) checkComponents(r *report, loc []string, comps []any, v2 bool) {
	ll := &s.limits.Message.Legacy
	if !v2 {
		if len(comps) > ll.RowsMax {
			r.add(loc, "limits: message.components_legacy.top_level_action_rows_max", "%d action rows > %d", len(comps), ll.RowsMax)
		}
		for i, c := range comps {
			cm, ok := c.(map[string]any)
			if !ok {
				continue
			}
			if t, _ := integer(cm, "type"); t != compActionRow {
				r.add(at(loc, i, "type"), "limits: message.components_v2.flag",
					"top-level component type %d needs the IS_COMPONENTS_V2 flag (%d); without it only action rows (type 1) may be top-level",
					t, s.limits.Message.V2.Flag)
			}
		}
	}
	count := 0
	ids := map[string][]string{}
	walkComponents(loc, comps, func(cloc []string, c map[string]any) {
		count++
		t, _ := integer(c, "type")
		switch {
		case t == compActionRow:
			s.checkRow(r, cloc, c)
		case t == compButton:
			s.checkButton(r, cloc, c)
		case slices.Contains(selectTypes, t):
			s.checkSelect(r, cloc, c, t)
		case t == compTextDisplay:
			text, _ := str(c, "content")
			maxText(r, at(cloc, "content"), "limits: message.components_v2.text_display_content_max", runes(text), s.limits.Message.V2.TextDisplayContentMx)
		}
		if id, ok := str(c, "custom_id"); ok && ll.CustomIDUnique {
			if first, dup := ids[id]; dup {
				r.add(at(cloc, "custom_id"), "limits: message.components_legacy.custom_id_unique_per_message",
					"%q is already used by %s", id, renderPath(first))
			} else {
				ids[id] = cloc
			}
		}
	})
	if v2 && count > s.limits.Message.V2.TotalComponentsMax {
		r.add(loc, "limits: message.components_v2.total_components_max", "%d components in all > %d", count, s.limits.Message.V2.TotalComponentsMax)
	}
}

// walkComponents visits every component, depth first, including children of
// rows, containers and sections and a section's accessory.
func walkComponents(loc []string, comps []any, visit func([]string, map[string]any)) {
	for i, c := range comps {
		if cm, ok := c.(map[string]any); ok {
			walkComponent(at(loc, i), cm, visit)
		}
	}
}

func walkComponent(loc []string, c map[string]any, visit func([]string, map[string]any)) {
	visit(loc, c)
	walkComponents(at(loc, "components"), arr(c, "components"), visit)
	if acc := obj(c, "accessory"); acc != nil {
		walkComponent(at(loc, "accessory"), acc, visit)
	}
}

func (s *Spec) checkRow(r *report, loc []string, row map[string]any) {
	ll := &s.limits.Message.Legacy
	buttons, selects := 0, 0
	children := arr(row, "components")
	for _, c := range children {
		cm, _ := c.(map[string]any)
		t, _ := integer(cm, "type")
		switch {
		case t == compButton:
			buttons++
		case slices.Contains(selectTypes, t):
			selects++
		}
	}
	if buttons > ll.ButtonsPerRowMax {
		r.add(at(loc, "components"), "limits: message.components_legacy.buttons_per_row_max", "%d items > %d", buttons, ll.ButtonsPerRowMax)
	}
	if selects > 0 && (selects > ll.SelectsPerRow || len(children) > selects) {
		r.add(at(loc, "components"), "limits: message.components_legacy.selects_per_row",
			"a row with a select menu holds only that select menu, got %d components", len(children))
	}
}

func (s *Spec) checkButton(r *report, loc []string, b map[string]any) {
	ll := &s.limits.Message.Legacy
	label, _ := str(b, "label")
	maxText(r, at(loc, "label"), "limits: message.components_legacy.button_label_max", runes(label), ll.ButtonLabelMax)
	style, _ := integer(b, "style")
	id, hasID := str(b, "custom_id")
	if hasID {
		checkRange(r, at(loc, "custom_id"), "limits: message.components_legacy.custom_id_len", runes(id), ll.CustomIDLen)
	}
	switch style {
	case styleLink:
		if hasID && ll.LinkHasNoCustomID {
			r.add(at(loc, "custom_id"), "limits: message.components_legacy.link_button_has_no_custom_id", "a link button (style 5) has no custom_id")
		}
		url, _ := str(b, "url")
		if url == "" {
			r.add(loc, "discord docs: link buttons must have a url", "a link button (style 5) needs a url")
		}
		maxText(r, at(loc, "url"), "limits: message.components_legacy.link_button_url_max", runes(url), ll.LinkURLMax)
	case stylePremium:
	default:
		if !hasID && ll.NonLinkNeedsCustom {
			r.add(loc, "limits: message.components_legacy.non_link_button_requires_custom_id", "a non-link button (style %d) needs a custom_id", style)
		}
		if has(b, "url") {
			r.add(at(loc, "url"), "discord docs: only link buttons have a url", "a non-link button (style %d) cannot have a url", style)
		}
	}
}

func (s *Spec) checkSelect(r *report, loc []string, sel map[string]any, t int64) {
	ll := &s.limits.Message.Legacy
	id, _ := str(sel, "custom_id")
	checkRange(r, at(loc, "custom_id"), "limits: message.components_legacy.custom_id_len", runes(id), ll.CustomIDLen)
	ph, _ := str(sel, "placeholder")
	maxText(r, at(loc, "placeholder"), "limits: message.components_legacy.select_placeholder_max", runes(ph), ll.SelectPlaceholder)
	if t != compStringSel {
		return
	}
	opts := arr(sel, "options")
	switch n := len(opts); {
	case n < ll.SelectOptions[0]:
		r.add(at(loc, "options"), "limits: message.components_legacy.select_options", "%d items < %d", n, ll.SelectOptions[0])
	case n > ll.SelectOptions[1]:
		r.add(at(loc, "options"), "limits: message.components_legacy.select_options", "%d items > %d", n, ll.SelectOptions[1])
	}
	for i, o := range opts {
		om, ok := o.(map[string]any)
		if !ok {
			continue
		}
		for _, key := range []string{"label", "value"} {
			v, _ := str(om, key)
			checkRange(r, at(loc, "options", i, key), "limits: message.components_legacy.select_option_label_value_len", runes(v), ll.SelectOptionTextLen)
		}
	}
}

// checkMentions enforces Discord's rule that parse and an explicit list of
// the same kind exclude each other and, where asked, our no-pings rule:
// answers quote what users typed, and nothing a user types may ping anyone,
// so every message must say allowed_mentions {"parse": []}. An absent
// allowed_mentions or parse is not enough, because Discord then falls back
// to parsing user mentions. The one ping allowed is of a user the content
// addresses by ID and allowed_mentions.users lists.
func (s *Spec) checkMentions(r *report, loc []string, m map[string]any, noPings bool) {
	am := obj(m, "allowed_mentions")
	parse := arr(am, "parse")
	if s.limits.Message.AllowedMentions.ParseExclusiveList {
		for _, kind := range []string{"users", "roles"} {
			if slices.Contains(parse, any(kind)) && len(arr(am, kind)) > 0 {
				r.add(at(loc, "allowed_mentions"), "limits: message.allowed_mentions.parse_exclusive_with_same_type_list",
					"parse has %q and %s lists IDs; Discord rejects both together", kind, kind)
			}
		}
	}
	if !noPings {
		return
	}
	const why = `no-pings rule (ours): nothing a user types may ping, so send allowed_mentions {"parse": []}`
	if am == nil {
		r.add(at(loc, "allowed_mentions"), sourceNoPings, "missing; %s", why)
		return
	}
	if p, ok := am["parse"]; !ok || p == nil {
		r.add(at(loc, "allowed_mentions", "parse"), sourceNoPings, "absent or null, which Discord reads as [\"users\"]; %s", why)
	} else if len(parse) > 0 {
		r.add(at(loc, "allowed_mentions", "parse"), sourceNoPings, "%v allows pings; %s", parse, why)
	}
	if n := len(arr(am, "roles")); n > 0 {
		r.add(at(loc, "allowed_mentions", "roles"), sourceNoPings, "lists %d roles that may be pinged; %s", n, why)
	}
	// A user the message itself addresses ("<@id>" in its content, put
	// there by the bot from a user option, not from typed text) may be
	// pinged: that is the point of addressing them. Anyone else may not.
	content, _ := str(m, "content")
	for k, u := range arr(am, "users") {
		id, _ := u.(string)
		if id == "" || !strings.Contains(content, "<@"+id+">") {
			r.add(at(loc, "allowed_mentions", "users", k), sourceNoPings,
				"user %q may be pinged but the content does not address them as <@%s>; %s", id, id, why)
		}
	}
}
