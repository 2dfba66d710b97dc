// Package snowflake tells a Discord ID (a snowflake) by its form.
package snowflake

// Valid reports whether s looks like a Discord ID: 1 to 20 decimal digits.
func Valid(s string) bool {
	if s == "" || len(s) > 20 {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
