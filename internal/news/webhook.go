package news

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/url"
	"strings"
	"time"
)

// Webhook asks for new stories matching a saved search to be POSTed to
// a URL. Unlike a Token's, its secret is stored as it is: the notifier
// needs it to sign every delivery (HMAC), so it cannot be a hash.
type Webhook struct {
	ID string `json:"id"`
	// Query is a search in the syntax of store.SearchQuery.Text.
	Query string `json:"query"`
	URL   string `json:"url"`
	// Secret keys the HMAC-SHA256 signature of each delivery. It is
	// shown once, when the webhook is created, and never listed.
	Secret  string    `json:"-"`
	Created time.Time `json:"created"`
}

// webhookSecretPrefix marks webhook secrets apart from API tokens
// (dsk_), so a leaked one is recognisable for what it can do.
const webhookSecretPrefix = "whsec_"

// NewWebhook makes a webhook for query and rawURL with a fresh id and a
// random secret. An empty query or a URL that is not absolute http(s)
// with a host is an error wrapping ErrInvalid.
func NewWebhook(query, rawURL string, now time.Time) (Webhook, error) {
	query = strings.TrimSpace(query)
	if query == "" {
		return Webhook{}, fmt.Errorf("webhook: empty query: %w", ErrInvalid)
	}
	u, err := url.Parse(strings.TrimSpace(rawURL))
	if err != nil {
		return Webhook{}, fmt.Errorf("webhook: url %q: %v: %w", rawURL, err, ErrInvalid)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return Webhook{}, fmt.Errorf("webhook: url %q: want http:// or https:// with a host: %w", rawURL, ErrInvalid)
	}
	// The id is drawn apart from the secret so that listing ids reveals
	// nothing about any secret.
	var id [6]byte
	var secret [32]byte
	if _, err := rand.Read(id[:]); err != nil {
		return Webhook{}, err
	}
	if _, err := rand.Read(secret[:]); err != nil {
		return Webhook{}, err
	}
	return Webhook{
		ID:      "w" + hex.EncodeToString(id[:]),
		Query:   query,
		URL:     u.String(),
		Secret:  webhookSecretPrefix + hex.EncodeToString(secret[:]),
		Created: now.UTC(),
	}, nil
}

// Delivery states.
const (
	// DeliveryPending: attempted and refused, to be tried again at
	// NextAttempt.
	DeliveryPending = "pending"
	// DeliveryDelivered: the receiver answered 2xx; never sent again.
	DeliveryDelivered = "delivered"
	// DeliveryFailed: refused on every allowed attempt; given up.
	DeliveryFailed = "failed"
)

// Delivery is the bookkeeping of one story sent (or being sent) to one
// webhook; there is at most one per webhook and story, which is what
// makes a story reach a receiver once.
type Delivery struct {
	Webhook string `json:"webhook"`
	Story   string `json:"story"`
	// Article is the matching article the delivery names, kept so that
	// a retry sends the same match whatever the search ranks today.
	Article string `json:"article"`
	// Attempts counts the POSTs made so far.
	Attempts int `json:"attempts"`
	// Status is DeliveryPending, DeliveryDelivered or DeliveryFailed.
	Status string `json:"status"`
	// LastError says why the last attempt was refused; "" once
	// delivered.
	LastError string `json:"last_error,omitempty"`
	// At is the time of the last attempt.
	At time.Time `json:"at"`
	// NextAttempt is when a pending delivery is due again; zero
	// otherwise.
	NextAttempt time.Time `json:"next_attempt,omitzero"`
}

// ValidDeliveryStatus reports whether s is one of the delivery states.
func ValidDeliveryStatus(s string) bool {
	return s == DeliveryPending || s == DeliveryDelivered || s == DeliveryFailed
}
