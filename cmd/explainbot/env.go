package main

import (
	"io"
	"net"
	"os"

	"github.com/explainbot/explainbot/config"
)

// env is everything the program takes from its process, so that a test can
// run it with its own, beside other runs: the environment, where output
// goes, and for serve the listener, the reload signal and where to report
// the bound address.
type env struct {
	lookup         config.Lookup
	stdout, stderr io.Writer
	// listener, when set, is what serve serves HTTP on instead of
	// listening on LISTEN_ADDR (a test binds port 0 itself).
	listener net.Listener
	// hangup delivers a reload request per signal (SIGHUP in main).
	hangup <-chan os.Signal
	// serving, when set, hears the HTTP address once serve is up.
	serving func(addr net.Addr)
}
