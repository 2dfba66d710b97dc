package index

import (
	"log/slog"
	"testing"

	"github.com/explainbot/explainbot/internal/testlog"
)

// testLogger routes the index's log to the test's output.
func testLogger(t testing.TB) *slog.Logger {
	lg, _ := testlog.New(t)
	return lg
}
