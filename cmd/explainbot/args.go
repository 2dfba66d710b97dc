package main

import "flag"

// parseInterspersed parses fs's flags wherever they stand among args and
// returns the other arguments in order, so `ask what is an llm --json` asks
// "what is an llm" in JSON instead of asking "what is an llm --json". The
// flag package alone stops at the first non-flag. "--" ends the flags: what
// follows is kept as written, for a question that starts with a dash.
//
// Every flag of fs must be boolean or given as -name=value: a separate value
// that is "--" itself would be taken for the end of the flags.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var words []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if used := len(args) - len(rest); used > 0 && args[used-1] == "--" {
			return append(words, rest...), nil
		}
		if len(rest) == 0 {
			return words, nil
		}
		words = append(words, rest[0])
		args = rest[1:]
	}
}
