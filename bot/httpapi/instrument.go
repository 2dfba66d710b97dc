package httpapi

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"strings"
	"time"
)

// routeLabel is the path label of explainbot_http_requests_total: the path
// of the route pattern the mux matched ("POST /interactions" counts as
// "/interactions"). A request no route matched is "other", so that
// scanners probing random paths cannot grow the label set.
func routeLabel(pattern string) string {
	if pattern == "" {
		return "other"
	}
	if _, path, ok := strings.Cut(pattern, " "); ok {
		return path
	}
	return pattern
}

// requestNote collects what a handler wants on the request's single log
// line (why it was rejected, which interaction it was).
type requestNote struct{ attrs []slog.Attr }

type noteKey struct{}

// annotate adds key=value to r's request log line.
func annotate(r *http.Request, key, value string) {
	if n, ok := r.Context().Value(noteKey{}).(*requestNote); ok {
		n.attrs = append(n.attrs, slog.String(key, value))
	}
}

// instrument wraps every route: it counts the request, writes one debug log
// line for it, and turns a panic that escaped a handler into a bare 500 so
// that no stack reaches the client. Headers are never logged: they carry the
// signature.
func (s *Server) instrument(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		note := &requestNote{}
		r = r.WithContext(context.WithValue(r.Context(), noteKey{}, note))
		rec := &statusRecorder{ResponseWriter: w}
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.lg.Error("http handler panicked", "path", r.URL.Path, "panic", fmt.Sprint(v), "stack", string(debug.Stack()))
				if !rec.wroteHeader {
					writeJSON(rec, http.StatusInternalServerError, bodyInternal)
				}
			}
			code := rec.status()
			// The mux set r.Pattern on the very request it was handed.
			s.metrics.ObserveHTTP(routeLabel(r.Pattern), code)
			if s.lg.Enabled(r.Context(), slog.LevelDebug) {
				attrs := append([]slog.Attr{
					slog.String("method", r.Method),
					slog.String("path", truncate(r.URL.Path, 128)),
					slog.Int("status", code),
					slog.Int64("bytes", rec.bytes),
					slog.Duration("took", time.Since(start)),
				}, note.attrs...)
				s.lg.LogAttrs(r.Context(), slog.LevelDebug, "http request", attrs...)
			}
		}()
		next.ServeHTTP(rec, r)
	})
}

// statusRecorder remembers the status code and size of a response.
type statusRecorder struct {
	http.ResponseWriter
	code        int
	wroteHeader bool
	bytes       int64
}

func (w *statusRecorder) WriteHeader(code int) {
	if !w.wroteHeader {
		w.code, w.wroteHeader = code, true
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusRecorder) Write(p []byte) (int, error) {
	if !w.wroteHeader {
		w.code, w.wroteHeader = http.StatusOK, true
	}
	n, err := w.ResponseWriter.Write(p)
	w.bytes += int64(n)
	return n, err
}

// Unwrap lets http.ResponseController reach the connection underneath.
func (w *statusRecorder) Unwrap() http.ResponseWriter { return w.ResponseWriter }

func (w *statusRecorder) status() int {
	if !w.wroteHeader {
		return http.StatusOK
	}
	return w.code
}

// truncate cuts s to at most n bytes, for logging client-chosen strings.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
