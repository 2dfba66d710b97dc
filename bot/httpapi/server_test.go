package httpapi

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
)

// serve runs s on a fresh loopback listener until the returned cancel is
// called; served yields Serve's result.
func serve(t *testing.T, s *testServer) (url string, cancel context.CancelFunc, served <-chan error) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	done, stopped := make(chan error, 1), make(chan struct{})
	go func() {
		done <- s.Serve(ctx, ln)
		close(stopped)
	}()
	t.Cleanup(func() {
		cancel()
		<-stopped
	})
	return "http://" + ln.Addr().String(), cancel, done
}

// post sends a signed interaction to url over a real connection.
func post(c *http.Client, k signer, url string, body []byte) (int, []byte, error) {
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	req, err := http.NewRequest(http.MethodPost, url+"/interactions", bytes.NewReader(body))
	if err != nil {
		return 0, nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set(headerTimestamp, ts)
	req.Header.Set(headerSignature, k.sign(ts, body))
	resp, err := c.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	var b bytes.Buffer
	_, err = b.ReadFrom(resp.Body)
	return resp.StatusCode, b.Bytes(), err
}

// TestConcurrentRequests sends 200 signed requests at once through a real
// listener; each must get its own answer. Run with -race.
func TestConcurrentRequests(t *testing.T) {
	const n = 200
	s := newServer(t, Options{})
	url, _, _ := serve(t, s)
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: n}}
	defer client.CloseIdleConnections()

	type result struct {
		i    int
		code int
		body []byte
		err  error
	}
	results := make(chan result, n)
	bodies := make([][]byte, n)
	for i := range n {
		bodies[i] = askBody(t, fmt.Sprintf("14%017d", i), fmt.Sprintf("question number %d?", i))
	}
	var start sync.WaitGroup
	start.Add(1)
	for i := range n {
		go func() {
			start.Wait()
			code, body, err := post(client, s.key, url, bodies[i])
			results <- result{i, code, body, err}
		}()
	}
	start.Done()
	for range n {
		r := <-results
		if r.err != nil {
			t.Errorf("request %d: %v", r.i, r.err)
			continue
		}
		if r.code != http.StatusOK {
			t.Errorf("request %d: status %d, body %s", r.i, r.code, r.body)
			continue
		}
		resp := decodeResponse(t, r.body)
		if want := fmt.Sprintf("echo: ask: question number %d?", r.i); resp.Data == nil || resp.Data.Content != want {
			t.Errorf("request %d: answer %s, want content %q", r.i, r.body, want)
		}
	}
}

// TestGracefulShutdown checks that cancelling Serve's context stops new
// connections but lets an in-flight request finish with its real answer.
func TestGracefulShutdown(t *testing.T) {
	entered, release := make(chan struct{}), make(chan struct{})
	s := newServer(t, Options{
		Interactions: handlerFunc(func(ctx context.Context, i *discordgo.Interaction) (*discordgo.InteractionResponse, error) {
			close(entered)
			<-release
			return echo(ctx, i)
		}),
	})
	url, cancel, served := serve(t, s)
	client := &http.Client{}
	defer client.CloseIdleConnections()

	type result struct {
		code int
		body []byte
		err  error
	}
	answered := make(chan result, 1)
	go func() {
		code, body, err := post(client, s.key, url, readFile(t, "ask.json"))
		answered <- result{code, body, err}
	}()
	<-entered
	cancel()
	// Shutdown has begun once the listener refuses connections.
	addr := url[len("http://"):]
	for try := 0; ; try++ {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			break
		}
		c.Close()
		if try == 500 {
			t.Fatal("listener still accepting after cancel")
		}
		time.Sleep(10 * time.Millisecond)
	}
	select {
	case err := <-served:
		t.Fatalf("Serve returned (%v) while a request was in flight", err)
	default:
	}

	close(release)
	r := <-answered
	if r.err != nil || r.code != http.StatusOK {
		t.Fatalf("in-flight request: status %d, err %v, body %s", r.code, r.err, r.body)
	}
	checkGolden(t, "echo.golden.json", r.body)
	if err := <-served; err != nil {
		t.Errorf("Serve after graceful shutdown: %v", err)
	}
}

// pendingWork is an Interactions that answers at once and leaves work
// running, as a deferred answer or a Dismiss does: Close waits for it.
type pendingWork struct {
	started chan struct{} // closed when the work has begun
	work    func(ctx context.Context)
	bg      context.Context
	cancel  context.CancelFunc
	done    chan struct{}
}

func newPendingWork(work func(ctx context.Context)) *pendingWork {
	bg, cancel := context.WithCancel(context.Background())
	return &pendingWork{started: make(chan struct{}), work: work, bg: bg, cancel: cancel, done: make(chan struct{})}
}

func (p *pendingWork) Serve(ctx context.Context, i *discordgo.Interaction, respond func(context.Context, *discordgo.InteractionResponse) error) {
	resp, _ := echo(ctx, i)
	respond(ctx, resp)
	go func() {
		defer close(p.done)
		close(p.started)
		p.work(p.bg)
	}()
}

func (p *pendingWork) Close(ctx context.Context) error {
	select {
	case <-p.done:
		return nil
	case <-ctx.Done():
		p.cancel()
		return ctx.Err()
	}
}

// TestShutdownWaitsForPendingWork checks that shutdown waits, through
// Drain, for the work an answered interaction left running.
func TestShutdownWaitsForPendingWork(t *testing.T) {
	release := make(chan struct{})
	var finished atomic.Bool
	p := newPendingWork(func(context.Context) {
		<-release
		finished.Store(true)
	})
	s := newServer(t, Options{Interactions: p})
	url, cancel, served := serve(t, s)
	client := &http.Client{}
	defer client.CloseIdleConnections()
	if code, body, err := post(client, s.key, url, readFile(t, "ask.json")); err != nil || code != http.StatusOK {
		t.Fatalf("answer: status %d, err %v, body %s", code, err, body)
	}
	<-p.started
	cancel()
	select {
	case err := <-served:
		t.Fatalf("Serve returned (%v) while work was pending", err)
	default:
	}
	close(release)
	if err := <-served; err != nil {
		t.Errorf("Serve: %v", err)
	}
	if !finished.Load() {
		t.Error("Serve returned before the pending work finished")
	}
}

// TestShutdownTimeout checks that shutdown is bounded: work still running
// when ShutdownTimeout passes is cancelled and Serve reports it.
func TestShutdownTimeout(t *testing.T) {
	workErr := make(chan error, 1)
	p := newPendingWork(func(ctx context.Context) {
		<-ctx.Done() // a REST call that would hang until cancelled
		workErr <- ctx.Err()
	})
	s := newServer(t, Options{ShutdownTimeout: 50 * time.Millisecond, Interactions: p})
	url, cancel, served := serve(t, s)
	client := &http.Client{}
	defer client.CloseIdleConnections()
	if code, body, err := post(client, s.key, url, readFile(t, "ask.json")); err != nil || code != http.StatusOK {
		t.Fatalf("answer: status %d, err %v, body %s", code, err, body)
	}
	<-p.started
	cancel()
	if err := <-served; !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Serve = %v, want a deadline error", err)
	}
	if err := <-workErr; !errors.Is(err, context.Canceled) {
		t.Errorf("pending work ended with %v, want cancellation", err)
	}
}

// TestListenAndServe checks the address form and its error.
func TestListenAndServe(t *testing.T) {
	s := newServer(t, Options{})
	if err := s.ListenAndServe(t.Context(), "127.0.0.1:-1"); err == nil {
		t.Error("ListenAndServe on a bad address succeeded")
	}
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if err := s.ListenAndServe(ctx, "127.0.0.1:0"); err != nil {
		t.Errorf("ListenAndServe with a done context: %v, want a clean stop", err)
	}
}
