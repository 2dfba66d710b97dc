package index

import "testing"

// TestTextPlaces: a question points to the start or the end of a text only
// when it names a text or a part of one there (testdata/text_places.json).
func TestTextPlaces(t *testing.T) {
	names := map[textPlace]string{noPlace: "", placeStart: "start", placeEnd: "end"}
	var cases []struct{ Why, Question, Place string }
	readJSON(t, "testdata/text_places.json", &cases)
	for _, c := range cases {
		if got, _ := textPlaceAsked(words(c.Question)); names[got] != c.Place {
			t.Errorf("%s: %q points to %q, want %q", c.Why, c.Question, names[got], c.Place)
		}
	}
}
