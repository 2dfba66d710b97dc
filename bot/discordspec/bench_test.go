package discordspec

import "testing"

func BenchmarkLoadDir(b *testing.B) {
	dir := MustLoad(b).Dir
	for b.Loop() {
		if _, err := LoadDir(dir); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkValidateResponse(b *testing.B) {
	s := MustLoad(b)
	r := typicalAnswer()
	for b.Loop() {
		if err := s.ValidateResponse(r); err != nil {
			b.Fatal(err)
		}
	}
}
