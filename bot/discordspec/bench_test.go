package discordspec

import (
	"io/fs"
	"testing"
)

func BenchmarkLoadFS(b *testing.B) {
	sub, err := fs.Sub(copies, "discord-spec")
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := LoadFS(sub); err != nil {
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
