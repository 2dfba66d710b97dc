package discordfake

import (
	"errors"
	"net/http"
	"strings"

	"github.com/explainbot/explainbot/bot/discordspec"
)

// emptyMessageSource is how discordspec names Discord's 50006 refusal.
const emptyMessageSource = "discord API: error 50006"

// refuse turns what discordspec found wrong with a body into Discord's
// answer: 50006 for a message with nothing in it, else 50035 Invalid Form
// Body listing every violation by its path. The rules themselves live in
// discordspec (Discord's, and our no-pings rule); the fake only answers.
// files is how many attachments went beside the body, which make a
// message without text not empty. A nil error is no refusal.
func refuse(err error, files int) (reply, bool) {
	if err == nil {
		return reply{}, false
	}
	var se *discordspec.Error
	if !errors.As(err, &se) {
		return errInvalidJSON, true
	}
	fields := map[string]any{}
	var problems []string
	empty := false
	for _, v := range se.Violations {
		if strings.HasPrefix(strings.Join(v.Sources, " "), emptyMessageSource) {
			if files > 0 {
				continue
			}
			empty = true
		}
		fields[v.Path] = map[string]any{"_errors": []map[string]string{{"code": "INVALID", "message": v.Problem}}}
		problems = append(problems, v.String())
	}
	switch {
	case empty:
		// Discord's first complaint, whatever else is wrong.
		return errEmptyMessage, true
	case len(problems) == 0:
		return reply{}, false
	}
	return reply{http.StatusBadRequest, apiError{
		Code:    50035,
		Message: "Invalid Form Body: " + strings.Join(problems, "; "),
		Errors:  fields,
	}}, true
}
