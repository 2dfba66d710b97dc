package snowflake

import "testing"

func TestValid(t *testing.T) {
	for s, want := range map[string]bool{
		"1": true, "2100000000000000001": true, "12345678901234567890": true,
		"": false, "123456789012345678901": false, "12a": false, "-1": false, "１２": false, "<@123>": false,
	} {
		if got := Valid(s); got != want {
			t.Errorf("Valid(%q) = %v, want %v", s, got, want)
		}
	}
}
