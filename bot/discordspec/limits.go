package discordspec

import (
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strings"
)

// limits mirrors the parts of limits.json that the checks use. Keys keep
// their JSON names so a rule's source can be quoted as "limits: <key>".
type limits struct {
	Command struct {
		NameRegexGoRE2           string         `json:"name_regex_go_re2"`
		NameLowercase            bool           `json:"name_must_be_lowercase_if_letter_has_lowercase"`
		NameLen                  [2]int         `json:"name_len"`
		DescriptionLenChatInput  [2]int         `json:"description_len_chat_input"`
		MaxOptions               int            `json:"max_options"`
		MaxChoices               int            `json:"max_choices"`
		ChoiceNameLen            [2]int         `json:"choice_name_len"`
		ChoiceStringValueMaxDocs int            `json:"choice_string_value_max_docs"`
		AutocompleteTypes        []int          `json:"autocomplete_allowed_option_types"`
		AutocompleteXorChoices   bool           `json:"autocomplete_and_choices_mutually_exclusive"`
		RequiredBeforeOptional   bool           `json:"required_options_before_optional"`
		OptionNamesUnique        bool           `json:"option_names_unique_within_array"`
		GroupOnlySubcommands     bool           `json:"subcommand_group_may_contain_only_subcommands"`
		CombinedCharsMax         int            `json:"combined_chars_per_command_max"`
		PerAppGlobalMax          map[string]int `json:"per_app_global_max"`
	} `json:"command"`
	Interaction struct {
		CallbackTypes          map[string]int `json:"callback_types"`
		Types67OnlyComponents  bool           `json:"types_6_7_only_for_component_interactions"`
		ModalNotAllowedFor     []string       `json:"modal_not_allowed_for"`
		InteractionTypes       map[string]int `json:"interaction_types"`
		AutocompleteChoicesMax int            `json:"autocomplete_choices_max"`
		ResponseFlagsAllowed   map[string]int `json:"response_flags_allowed"`
		DeferredType5OnlyFlag  string         `json:"deferred_type5_only_flag"`
		Modal                  struct {
			CustomIDLen    [2]int `json:"custom_id_len"`
			TitleMax       int    `json:"title_max"`
			ComponentsDocs [2]int `json:"components_docs"`
		} `json:"modal"`
	} `json:"interaction"`
	Message struct {
		ContentMax int `json:"content_max"`
		EmbedsMax  int `json:"embeds_max"`
		Embed      struct {
			Title       int      `json:"title"`
			Description int      `json:"description"`
			FieldsMax   int      `json:"fields_max"`
			FieldName   int      `json:"field_name"`
			FieldValue  int      `json:"field_value"`
			FooterText  int      `json:"footer_text"`
			AuthorName  int      `json:"author_name"`
			Total       int      `json:"total_chars_all_embeds"`
			TotalCounts []string `json:"total_counts"`
		} `json:"embed"`
		AllowedMentions struct {
			ParseValues        []string `json:"parse_values"`
			ParseExclusiveList bool     `json:"parse_exclusive_with_same_type_list"`
		} `json:"allowed_mentions"`
		Legacy struct {
			RowsMax             int    `json:"top_level_action_rows_max"`
			ButtonsPerRowMax    int    `json:"buttons_per_row_max"`
			SelectsPerRow       int    `json:"selects_per_row"`
			ButtonLabelMax      int    `json:"button_label_max"`
			CustomIDLen         [2]int `json:"custom_id_len"`
			CustomIDUnique      bool   `json:"custom_id_unique_per_message"`
			LinkURLMax          int    `json:"link_button_url_max"`
			LinkHasNoCustomID   bool   `json:"link_button_has_no_custom_id"`
			NonLinkNeedsCustom  bool   `json:"non_link_button_requires_custom_id"`
			SelectOptions       [2]int `json:"select_options"`
			SelectPlaceholder   int    `json:"select_placeholder_max"`
			SelectOptionTextLen [2]int `json:"select_option_label_value_len"`
		} `json:"components_legacy"`
		V2 struct {
			Flag                 int  `json:"flag"`
			TotalComponentsMax   int  `json:"total_components_max"`
			NoContentOrEmbeds    bool `json:"content_and_embeds_disabled"`
			TextDisplayContentMx int  `json:"text_display_content_max"`
		} `json:"components_v2"`
	} `json:"message"`

	nameRE *regexp.Regexp
}

// parseLimits reads limits.json and refuses a file whose keys moved, because
// a missing number would read as 0 and turn every check into nonsense.
func parseLimits(data []byte) (*limits, error) {
	var l limits
	if err := json.Unmarshal(data, &l); err != nil {
		return nil, fmt.Errorf("parse limits.json: %w", err)
	}
	re, err := regexp.Compile(l.Command.NameRegexGoRE2)
	if err != nil {
		return nil, fmt.Errorf("compile command.name_regex_go_re2: %w", err)
	}
	l.nameRE = re

	var errs []error
	need := func(key string, v int) {
		if v <= 0 {
			errs = append(errs, fmt.Errorf("limits.json: %s missing or not positive", key))
		}
	}
	need("command.name_len", l.Command.NameLen[1])
	need("command.description_len_chat_input", l.Command.DescriptionLenChatInput[1])
	need("command.max_options", l.Command.MaxOptions)
	need("command.max_choices", l.Command.MaxChoices)
	need("command.choice_name_len", l.Command.ChoiceNameLen[1])
	need("command.choice_string_value_max_docs", l.Command.ChoiceStringValueMaxDocs)
	need("command.combined_chars_per_command_max", l.Command.CombinedCharsMax)
	need("interaction.autocomplete_choices_max", l.Interaction.AutocompleteChoicesMax)
	need("interaction.modal.custom_id_len", l.Interaction.Modal.CustomIDLen[1])
	need("interaction.modal.title_max", l.Interaction.Modal.TitleMax)
	need("interaction.modal.components_docs", l.Interaction.Modal.ComponentsDocs[1])
	need("message.content_max", l.Message.ContentMax)
	need("message.embeds_max", l.Message.EmbedsMax)
	e := l.Message.Embed
	for key, v := range map[string]int{"title": e.Title, "description": e.Description, "fields_max": e.FieldsMax,
		"field_name": e.FieldName, "field_value": e.FieldValue, "footer_text": e.FooterText,
		"author_name": e.AuthorName, "total_chars_all_embeds": e.Total} {
		need("message.embed."+key, v)
	}
	c := l.Message.Legacy
	need("message.components_legacy.top_level_action_rows_max", c.RowsMax)
	need("message.components_legacy.buttons_per_row_max", c.ButtonsPerRowMax)
	need("message.components_legacy.selects_per_row", c.SelectsPerRow)
	need("message.components_legacy.button_label_max", c.ButtonLabelMax)
	need("message.components_legacy.custom_id_len", c.CustomIDLen[1])
	need("message.components_legacy.link_button_url_max", c.LinkURLMax)
	need("message.components_legacy.select_options", c.SelectOptions[1])
	need("message.components_legacy.select_placeholder_max", c.SelectPlaceholder)
	need("message.components_legacy.select_option_label_value_len", c.SelectOptionTextLen[1])
	need("message.components_v2.flag", l.Message.V2.Flag)
	need("message.components_v2.total_components_max", l.Message.V2.TotalComponentsMax)
	need("message.components_v2.text_display_content_max", l.Message.V2.TextDisplayContentMx)
	for _, k := range []string{"CHAT_INPUT", "USER", "MESSAGE"} {
		need("command.per_app_global_max."+k, l.Command.PerAppGlobalMax[k])
	}
	for _, k := range []string{"PING", "APPLICATION_COMMAND", "MESSAGE_COMPONENT", "APPLICATION_COMMAND_AUTOCOMPLETE", "MODAL_SUBMIT"} {
		need("interaction.interaction_types."+k, l.Interaction.InteractionTypes[k])
	}
	for _, k := range []string{"PONG", "CHANNEL_MESSAGE_WITH_SOURCE", "DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE",
		"DEFERRED_UPDATE_MESSAGE", "UPDATE_MESSAGE", "APPLICATION_COMMAND_AUTOCOMPLETE_RESULT", "MODAL"} {
		need("interaction.callback_types."+k, l.Interaction.CallbackTypes[k])
	}
	need("interaction.response_flags_allowed.EPHEMERAL", l.Interaction.ResponseFlagsAllowed["EPHEMERAL"])
	if !strings.Contains(l.Interaction.DeferredType5OnlyFlag, "EPHEMERAL") {
		errs = append(errs, fmt.Errorf("limits.json: interaction.deferred_type5_only_flag %q no longer names EPHEMERAL", l.Interaction.DeferredType5OnlyFlag))
	}
	for _, name := range e.TotalCounts {
		if _, ok := embedTotalFields[name]; !ok {
			errs = append(errs, fmt.Errorf("limits.json: message.embed.total_counts names unknown field %q", name))
		}
	}
	if len(e.TotalCounts) == 0 {
		errs = append(errs, errors.New("limits.json: message.embed.total_counts is empty"))
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return &l, nil
}

// callbackName and interactionName turn numbers back into Discord's names
// for error messages.
func (l *limits) callbackName(t int64) string { return nameOf(l.Interaction.CallbackTypes, t) }

func (l *limits) interactionName(t int64) string { return nameOf(l.Interaction.InteractionTypes, t) }

func nameOf(names map[string]int, v int64) string {
	for name, n := range names {
		if int64(n) == v {
			return name
		}
	}
	return "unknown"
}
