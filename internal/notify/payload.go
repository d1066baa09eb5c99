package notify

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"strings"
	"time"

	"github.com/dossier-news/dossier/internal/news"
)

// Payload is the JSON body of a delivery.
type Payload struct {
	Webhook string       `json:"webhook"`
	Query   string       `json:"query"`
	Story   PayloadStory `json:"story"`
	// Article is the article that matched the query, one of the story's.
	Article     PayloadArticle `json:"article"`
	DeliveredAt time.Time      `json:"delivered_at"`
}

// PayloadStory is the matched story as it stands at the attempt; a
// retry may carry more articles than the first try did.
type PayloadStory struct {
	ID       string    `json:"id"`
	Title    string    `json:"title"`
	Articles int       `json:"articles"`
	Outlets  int       `json:"outlets"`
	First    time.Time `json:"first"`
	Last     time.Time `json:"last"`
}

// PayloadArticle names the matching article.
type PayloadArticle struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	URL   string `json:"url"`
}

// payload builds the body of one attempt. A story or article that no
// longer exists is an error wrapping news.ErrNotFound.
func (n *Notifier) payload(ctx context.Context, w news.Webhook, d news.Delivery) ([]byte, error) {
	s, err := n.st.Story(ctx, d.Story)
	if err != nil {
		return nil, err
	}
	a, err := n.st.Article(ctx, d.Article)
	if err != nil {
		return nil, err
	}
	return json.Marshal(Payload{
		Webhook: w.ID,
		Query:   w.Query,
		Story: PayloadStory{ID: s.ID, Title: s.Title, Articles: s.Articles, Outlets: s.Outlets,
			First: s.First, Last: s.Last},
		Article:     PayloadArticle{ID: a.ID, Title: a.Title, URL: a.URL},
		DeliveredAt: n.cfg.Now().UTC(),
	})
}

// signaturePrefix names the scheme in X-Dossier-Signature, leaving room
// for another one later.
const signaturePrefix = "sha256="

// Sign returns the X-Dossier-Signature value for body: "sha256=" and
// the hex HMAC-SHA256 of body keyed by secret.
func Sign(secret string, body []byte) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write(body)
	return signaturePrefix + hex.EncodeToString(m.Sum(nil))
}

// Verify reports whether header is a valid X-Dossier-Signature of body
// under secret. The comparison takes the same time wherever the
// signatures differ, so a forger cannot learn one byte at a time.
func Verify(secret string, body []byte, header string) bool {
	got, ok := strings.CutPrefix(strings.TrimSpace(header), signaturePrefix)
	if !ok {
		return false
	}
	sum, err := hex.DecodeString(got)
	if err != nil {
		return false
	}
	m := hmac.New(sha256.New, []byte(secret))
	m.Write(body)
	return hmac.Equal(sum, m.Sum(nil))
}

// oneLine squeezes a receiver's answer into a short line for LastError.
func oneLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > 120 {
		s = string(r[:119]) + "…"
	}
	return s
}
