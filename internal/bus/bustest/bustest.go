// Package bustest runs real NATS servers with JetStream inside a test
// process: one server, or a cluster whose nodes a test can stop.
package bustest

import (
	"fmt"
	"net"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats-server/v2/server"
)

// Server starts one JetStream server for the test and returns its URL.
func Server(t testing.TB) string {
	t.Helper()
	s := start(t, &server.Options{ServerName: "solo", Host: "127.0.0.1", Port: -1, JetStream: true, StoreDir: t.TempDir()})
	return s.ClientURL()
}

// Cluster is a JetStream cluster of in-process servers.
type Cluster struct {
	Nodes []*server.Server
}

// URL lists every node, comma-separated, as clients take them.
func (c *Cluster) URL() string {
	var us []string
	for _, n := range c.Nodes {
		us = append(us, n.ClientURL())
	}
	return strings.Join(us, ",")
}

// Stop shuts node i down, as a crash would take it away.
func (c *Cluster) Stop(i int) {
	c.Nodes[i].Shutdown()
	c.Nodes[i].WaitForShutdown()
}

// NewCluster starts n clustered JetStream servers and waits until they
// have elected a meta leader.
func NewCluster(t testing.TB, n int) *Cluster {
	t.Helper()
	ports := make([]int, n)
	for i := range ports {
		ports[i] = freePort(t)
	}
	var routes []*url.URL
	for _, p := range ports {
		routes = append(routes, &url.URL{Scheme: "nats", Host: fmt.Sprintf("127.0.0.1:%d", p)})
	}
	c := &Cluster{}
	for i := range n {
		c.Nodes = append(c.Nodes, start(t, &server.Options{
			ServerName: fmt.Sprintf("n%d", i), Host: "127.0.0.1", Port: -1,
			JetStream: true, StoreDir: t.TempDir(),
			Cluster: server.ClusterOpts{Name: "dossier", Host: "127.0.0.1", Port: ports[i]},
			Routes:  routes,
		}))
	}
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		for _, s := range c.Nodes {
			if s.JetStreamIsLeader() {
				return c
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatal("the JetStream cluster elected no meta leader in 30s")
	return nil
}

func start(t testing.TB, opts *server.Options) *server.Server {
	t.Helper()
	opts.NoLog, opts.NoSigs = true, true
	s, err := server.NewServer(opts)
	if err != nil {
		t.Fatalf("nats server: %v", err)
	}
	go s.Start()
	if !s.ReadyForConnections(10 * time.Second) {
		t.Fatal("nats server not ready in 10s")
	}
	t.Cleanup(func() { s.Shutdown(); s.WaitForShutdown() })
	return s
}

func freePort(t testing.TB) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}
