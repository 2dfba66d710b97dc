package testlog

import (
	"strings"
	"testing"
)

func TestLogKeepsACopy(t *testing.T) {
	lg, log := New(t)
	lg.Info("answered", "interaction", "3000000000000000001")
	lg.Debug("detail")
	if got := log.String(); !strings.Contains(got, "interaction=3000000000000000001") || !log.Contains("msg=detail") {
		t.Errorf("copy %q lacks the info and the debug line", got)
	}
}

// A goroutine that outlives its test may still log: the line is kept and
// nothing panics.
func TestWriteAfterTheTest(t *testing.T) {
	var log *Log
	t.Run("inner", func(t *testing.T) { log = NewWriter(t) })
	if _, err := log.Write([]byte("late line\n")); err != nil {
		t.Fatal(err)
	}
	if !log.Contains("late line") {
		t.Error("the late line was not kept")
	}
}
