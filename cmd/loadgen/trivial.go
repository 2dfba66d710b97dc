package main

import (
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"fmt"
	"io"
	"net"
	"net/http"
	"time"

	"github.com/explainbot/explainbot/cmd/loadgen/trivial"
)

// maxServe bounds -serve-for.
const maxServe = time.Hour

// serveTrivial serves the trivial endpoint at POST /interactions on a
// loopback addr until ctx ends or d passes.
func serveTrivial(ctx context.Context, addr, pubHex string, d time.Duration, stdout, stderr io.Writer) int {
	usage := func(format string, a ...any) int {
		fmt.Fprintf(stderr, "loadgen: "+format+"\n", a...)
		return 2
	}
	key, err := hex.DecodeString(pubHex)
	if err != nil || len(key) != ed25519.PublicKeySize {
		return usage("-serve-trivial needs -public-key, 32 bytes of hex")
	}
	host, _, err := net.SplitHostPort(addr)
	if ip := net.ParseIP(host); err != nil || ip == nil || !ip.IsLoopback() {
		return usage("-serve-trivial %q must be a loopback host:port such as 127.0.0.1:18081", addr)
	}
	if d <= 0 || d > maxServe {
		return usage("-serve-for must be more than 0 and at most %v, got %v", maxServe, d)
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		fmt.Fprintf(stderr, "loadgen: %v\n", err)
		return 1
	}
	mux := http.NewServeMux()
	mux.Handle("POST /interactions", trivial.Handler(ed25519.PublicKey(key)))
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second, IdleTimeout: 30 * time.Second}
	fmt.Fprintf(stdout, "trivial endpoint on http://%s/interactions for at most %v\n", ln.Addr(), d)
	ctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	go func() {
		<-ctx.Done()
		sctx, c := context.WithTimeout(context.Background(), 5*time.Second)
		defer c()
		srv.Shutdown(sctx)
	}()
	if err := srv.Serve(ln); err != nil && err != http.ErrServerClosed {
		fmt.Fprintf(stderr, "loadgen: %v\n", err)
		return 1
	}
	return 0
}
