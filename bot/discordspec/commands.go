package discordspec

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/bwmarrin/discordgo"
)

// Command types and option types, as Discord numbers them.
const (
	cmdChatInput    = 1
	cmdUser         = 2
	cmdMessage      = 3
	cmdPrimaryEntry = 4

	optSubcommand      = 1
	optSubcommandGroup = 2
)

var cmdTypeNames = map[int64]string{cmdChatInput: "CHAT_INPUT", cmdUser: "USER", cmdMessage: "MESSAGE", cmdPrimaryEntry: "PRIMARY_ENTRY_POINT"}

// ValidateCommands checks a command set as the bot sends it to
// ApplicationCommandBulkOverwrite: the whole set for one scope (global or
// one guild), so the per-app counts and name clashes are checked too.
func (s *Spec) ValidateCommands(cmds []*discordgo.ApplicationCommand) error {
	body, err := marshal("commands", cmds)
	if err != nil {
		return err
	}
	return s.ValidateCommandsJSON(body)
}

// ValidateCommandsJSON checks the JSON body of a bulk-overwrite request.
// default_member_permissions may be a string, as discordgo and Discord's docs
// write it; it is turned into the integer the schema expects before
// validation.
func (s *Spec) ValidateCommandsJSON(body []byte) error {
	const payload = "command set"
	doc, err := decode(body)
	if err != nil {
		return fmt.Errorf("validate %s: %w", payload, err)
	}
	r := &report{}
	cmds, _ := doc.([]any)
	for i, c := range cmds {
		if m, ok := c.(map[string]any); ok {
			normalisePermissions(r, at(nil, i), m)
		}
	}
	validateSchema(r, s.roots[rootCommands], doc)
	s.checkCommands(r, cmds)
	return r.err(payload)
}

// normalisePermissions rewrites a string default_member_permissions as a
// number. Discord's docs call the field a string bitfield and the API accepts
// any integer-parseable string, while the OpenAPI schema types it integer.
func normalisePermissions(r *report, loc []string, cmd map[string]any) {
	p, ok := cmd["default_member_permissions"].(string)
	if !ok {
		return
	}
	if _, err := strconv.ParseUint(p, 10, 64); err != nil {
		r.add(at(loc, "default_member_permissions"), "limits: command.default_member_permissions",
			"%q is not a decimal permission bitfield", p)
		return
	}
	cmd["default_member_permissions"] = json.Number(p)
}

func (s *Spec) checkCommands(r *report, cmds []any) {
	lc := &s.limits.Command
	counts := map[int64]int{}
	type key struct {
		typ  int64
		name string
	}
	firstByName := map[key]int{}
	for i, c := range cmds {
		cmd, ok := c.(map[string]any)
		if !ok {
			continue // the schema reports it
		}
		loc := at(nil, i)
		typ, ok := integer(cmd, "type")
		if !ok {
			typ = cmdChatInput // Discord's default when type is omitted
		}
		counts[typ]++
		name, _ := str(cmd, "name")
		if j, dup := firstByName[key{typ, name}]; dup {
			r.add(at(loc, "name"), "discord docs: command names are unique per type within a scope",
				"%s command %q repeats %s", cmdTypeNames[typ], name, renderPath(at(nil, j)))
		} else {
			firstByName[key{typ, name}] = i
		}
		desc, _ := str(cmd, "description")
		switch typ {
		case cmdChatInput:
			s.checkName(r, at(loc, "name"), name)
			checkRange(r, at(loc, "description"), "limits: command.description_len_chat_input", runes(desc), lc.DescriptionLenChatInput)
			s.checkOptions(r, at(loc, "options"), arr(cmd, "options"), cmdChatInput)
		case cmdUser, cmdMessage:
			checkRange(r, at(loc, "name"), "limits: command.name_len", runes(name), lc.NameLen)
			if desc != "" {
				r.add(at(loc, "description"), "limits: command.description_user_message_commands",
					"must be empty for %s commands, got %d runes", cmdTypeNames[typ], runes(desc))
			}
			if n := len(arr(cmd, "options")); n > 0 {
				r.add(at(loc, "options"), "discord docs: only CHAT_INPUT commands take options",
					"%s commands take no options, got %d", cmdTypeNames[typ], n)
			}
		}
		if n := combinedChars(cmd); n > lc.CombinedCharsMax {
			r.add(loc, "limits: command.combined_chars_per_command_max",
				"%d combined characters (names, descriptions, choice names and values) > %d", n, lc.CombinedCharsMax)
		}
	}
	for _, typ := range slices.Sorted(maps.Keys(counts)) {
		name := cmdTypeNames[typ]
		if max, ok := lc.PerAppGlobalMax[name]; ok && counts[typ] > max {
			r.add(nil, "limits: command.per_app_global_max", "%d %s commands > %d", counts[typ], name, max)
		}
	}
}

// checkOptions checks one options array; parent is the command type for the
// top level or the option type of the subcommand (group) holding it.
func (s *Spec) checkOptions(r *report, loc []string, opts []any, parent int64) {
	lc := &s.limits.Command
	if len(opts) > lc.MaxOptions {
		r.add(loc, "limits: command.max_options", "%d items > %d", len(opts), lc.MaxOptions)
	}
	seen := map[string]int{}
	firstOptional := -1
	for j, o := range opts {
		opt, ok := o.(map[string]any)
		if !ok {
			continue
		}
		oloc := at(loc, j)
		typ, _ := integer(opt, "type")
		name, _ := str(opt, "name")
		s.checkName(r, at(oloc, "name"), name)
		if lc.OptionNamesUnique {
			if k, dup := seen[name]; dup {
				r.add(at(oloc, "name"), "limits: command.option_names_unique_within_array",
					"%q repeats %s", name, renderPath(at(loc, k, "name")))
			} else {
				seen[name] = j
			}
		}
		if parent == optSubcommandGroup && lc.GroupOnlySubcommands && typ != optSubcommand {
			r.add(at(oloc, "type"), "limits: command.subcommand_group_may_contain_only_subcommands",
				"a subcommand group may hold only subcommands (type 1), got type %d", typ)
		}
		if typ == optSubcommand || typ == optSubcommandGroup {
			s.checkOptions(r, at(oloc, "options"), arr(opt, "options"), typ)
			continue
		}
		if lc.RequiredBeforeOptional {
			switch {
			case boolean(opt, "required") && firstOptional >= 0:
				r.add(oloc, "limits: command.required_options_before_optional",
					"required option %q comes after optional option %s", name, renderPath(at(loc, firstOptional)))
			case !boolean(opt, "required") && firstOptional < 0:
				firstOptional = j
			}
		}
		choices := arr(opt, "choices")
		s.checkChoices(r, at(oloc, "choices"), choices, lc.MaxChoices, "limits: command.max_choices")
		if boolean(opt, "autocomplete") {
			if !slices.Contains(lc.AutocompleteTypes, int(typ)) {
				r.add(at(oloc, "autocomplete"), "limits: command.autocomplete_allowed_option_types",
					"autocomplete on option type %d; allowed only on types %s", typ, joinInts(lc.AutocompleteTypes))
			}
			if lc.AutocompleteXorChoices && len(choices) > 0 {
				r.add(oloc, "limits: command.autocomplete_and_choices_mutually_exclusive",
					"has both autocomplete and %d choices; they are mutually exclusive", len(choices))
			}
		}
	}
}

// checkChoices checks option choices and autocomplete results alike: both
// are name/value pairs with the same limits.
func (s *Spec) checkChoices(r *report, loc []string, choices []any, max int, maxSource string) {
	lc := &s.limits.Command
	if len(choices) > max {
		r.add(loc, maxSource, "%d items > %d", len(choices), max)
	}
	for k, c := range choices {
		ch, ok := c.(map[string]any)
		if !ok {
			continue
		}
		name, _ := str(ch, "name")
		checkRange(r, at(loc, k, "name"), "limits: command.choice_name_len", runes(name), lc.ChoiceNameLen)
		if v, ok := str(ch, "value"); ok && runes(v) > lc.ChoiceStringValueMaxDocs {
			r.add(at(loc, k, "value"), "limits: command.choice_string_value_max_docs",
				"%d runes > %d (Discord's docs; the schema allows more)", runes(v), lc.ChoiceStringValueMaxDocs)
		}
	}
}

// checkName applies the CHAT_INPUT/option name pattern and the lowercase rule.
func (s *Spec) checkName(r *report, loc []string, name string) {
	if !s.limits.nameRE.MatchString(name) {
		r.add(loc, "limits: command.name_regex_go_re2", "%q does not match %s", name, s.limits.nameRE)
	}
	if s.limits.Command.NameLowercase && strings.ToLower(name) != name {
		r.add(loc, "limits: command.name_must_be_lowercase_if_letter_has_lowercase", "%q must be lowercase", name)
	}
}

// combinedChars counts what Discord limits per command: names, descriptions
// and choice names and values of the command and everything under it, taking
// only the longest variant of a localized field.
func combinedChars(cmd map[string]any) int {
	n := longest(cmd, "name") + longest(cmd, "description")
	for _, o := range arr(cmd, "options") {
		if opt, ok := o.(map[string]any); ok {
			n += combinedChars(opt)
		}
	}
	for _, c := range arr(cmd, "choices") {
		if ch, ok := c.(map[string]any); ok {
			n += longest(ch, "name") + runes(scalarText(ch["value"]))
		}
	}
	return n
}

// longest is the rune length of m[field] or of its longest localization.
func longest(m map[string]any, field string) int {
	s, _ := str(m, field)
	n := runes(s)
	for _, v := range obj(m, field+"_localizations") {
		if l, ok := v.(string); ok {
			n = max(n, runes(l))
		}
	}
	return n
}

// checkRange reports n outside the inclusive range want, in the words the
// schema failures use so the two merge.
func checkRange(r *report, loc []string, source string, n int, want [2]int) {
	switch {
	case n < want[0]:
		r.add(loc, source, "%d runes < %d", n, want[0])
	case n > want[1]:
		r.add(loc, source, "%d runes > %d", n, want[1])
	}
}

func joinInts(xs []int) string {
	parts := make([]string, len(xs))
	for i, x := range xs {
		parts[i] = strconv.Itoa(x)
	}
	return strings.Join(parts, ", ")
}
