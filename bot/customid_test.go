package bot

import "testing"

// TestButtonIDs: every ID the bot makes parses back to itself; IDs from
// before the checksum existed still parse; malformed ones are refused.
func TestButtonIDs(t *testing.T) {
	for _, id := range []buttonID{
		{action: actFull, article: "60acf675", pos: 2, sum: "91e5"},
		{action: actTable, article: "60acf675", pos: 0, sum: "0a1b"},
		{action: actTable, article: "60acf675", pos: 0},
		{action: actFeed, helpful: true, article: "60acf675", pos: 7, sum: "ffff"},
		{action: actFeed, article: "60acf675", pos: 7, sum: "0000"},
		{action: actDismiss, asker: "2300000000000000001"},
	} {
		got, err := parseButtonID(id.String())
		if err != nil || got != id {
			t.Errorf("parse(%q) = %+v, %v; want %+v", id.String(), got, err, id)
		}
		if n := len(id.String()); n > 100 {
			t.Errorf("%q is %d characters, over Discord's 100", id.String(), n)
		}
	}
	for _, old := range []string{"x1:full:60acf675:2", "x1:fb:y:60acf675:2", "x1:tbl:60acf675:0"} {
		if id, err := parseButtonID(old); err != nil || id.sum != "" {
			t.Errorf("old ID %q: %+v, %v; want it parsed without a checksum", old, id, err)
		}
	}
	for _, bad := range []string{"x1:full:60acf675:2:zzzz", "x1:full:60acf675:2:91e", "x1:full:60acf675:-1:91e5", "x1:fb:60acf675:2", "x1:full:60acf675:2:91e5:x", "x2:full:a:1"} {
		if id, err := parseButtonID(bad); err == nil {
			t.Errorf("parse(%q) = %+v, want an error", bad, id)
		}
	}
}
