package httpapi

import (
	"net/http"
)

// serveHealth answers the liveness probe: the process serves HTTP and
// Options.Healthy has no reason for a restart. It checks nothing slow, so
// that a slow dependency never gets the pod restarted; what it checks
// (a gateway down for minutes) only a restart may fix.
func (s *Server) serveHealth(w http.ResponseWriter, r *http.Request) {
	if s.opts.Healthy != nil {
		if err := s.opts.Healthy(); err != nil {
			annotate(r, "unhealthy", err.Error())
			writeText(w, http.StatusServiceUnavailable, "unhealthy: "+err.Error())
			return
		}
	}
	writeText(w, http.StatusOK, "ok")
}

// serveReady answers the readiness probe from Options.Ready: 503 with the
// reason while the bot cannot answer (index still building, say), so that no
// traffic is routed to it.
func (s *Server) serveReady(w http.ResponseWriter, r *http.Request) {
	if s.opts.Ready != nil {
		if err := s.opts.Ready(); err != nil {
			annotate(r, "not_ready", err.Error())
			writeText(w, http.StatusServiceUnavailable, "not ready: "+err.Error())
			return
		}
	}
	writeText(w, http.StatusOK, "ready")
}

func writeText(w http.ResponseWriter, code int, text string) {
	h := w.Header()
	h.Set("Content-Type", "text/plain; charset=utf-8")
	h.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(code)
	_, _ = w.Write([]byte(text + "\n"))
}
