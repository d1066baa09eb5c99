// Package store defines how Dossier persists articles and failures, and
// the queries every backend must answer. Backends live in sub-packages
// (store/sqlite today, store/postgres later) and must all pass the
// conformance suite in store/storetest unchanged.
package store

import (
	"cmp"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/dossier-news/dossier/internal/news"
)

// IntegrityChecker is implemented by stores that keep their own files
// (SQLite): Integrity verifies the file's structure and references. A
// database server (PostgreSQL) checks its own storage.
type IntegrityChecker interface {
	Integrity(ctx context.Context) error
}

// Store is the persistence interface. Implementations are safe for
// concurrent use.
type Store interface {
	// PutArticles stores a batch in one transaction. An article whose Key
	// is already stored is left untouched. The result says, per article,
	// whether it was new. A successful put also clears failures recorded
	// for the same origins, since those inputs now succeeded.
	PutArticles(ctx context.Context, articles []news.Article) ([]bool, error)
	// Article returns one article by ID, or an error wrapping
	// news.ErrNotFound.
	Article(ctx context.Context, id string) (news.Article, error)
	// Articles lists articles newest first (by publication time, else
	// ingestion time) with keyset pagination.
	Articles(ctx context.Context, q ArticleQuery) (ArticlePage, error)
	// Search runs a full-text query ranked by BM25.
	Search(ctx context.Context, q SearchQuery) (SearchPage, error)
	// PutFailures records inputs that failed; a later failure of the same
	// origin replaces the earlier one.
	PutFailures(ctx context.Context, failures []news.Failure) error
	// Failures lists recorded failures, most recent first.
	Failures(ctx context.Context, limit int) ([]news.Failure, error)
	// PutDedup records what the duplicate detector found for articles
	// already stored, in one transaction: their fingerprints (replacing
	// earlier ones), their reuse links, and the full current membership of
	// every syndication group they touched.
	PutDedup(ctx context.Context, b DedupBatch) error
	// Fingerprints calls fn for every stored fingerprint in the order they
	// were first put, which is the order to rebuild an index in.
	Fingerprints(ctx context.Context, fn func(article string, data []byte) error) error
	// Undeduplicated returns up to limit stored articles without
	// fingerprints, oldest ingested first: the ones an interrupted run
	// stored but did not get to deduplicate.
	Undeduplicated(ctx context.Context, limit int) ([]news.Article, error)
	// Links returns reuse links: for one article (both directions, seen
	// from it, copies first) when q.Article is set, else all of them as
	// recorded, newest first.
	Links(ctx context.Context, q LinkQuery) ([]news.Reuse, error)
	// DupGroups lists syndication groups of two or more articles, the
	// group with the most recently published origin first.
	DupGroups(ctx context.Context, limit int) ([]news.DupGroup, error)
	// PutEntities records, in one transaction, new and changed entity
	// identities and the complete mentions of the batch's articles
	// (replacing what was recorded for them before). An article listed
	// with no mentions is still recorded as processed.
	PutEntities(ctx context.Context, b EntityBatch) error
	// EntityIdentities calls fn for every identity in the order they were
	// first put, to rebuild the resolver from.
	EntityIdentities(ctx context.Context, fn func(news.Entity) error) error
	// Unrecognized returns up to limit stored articles the entity stage
	// has not processed, oldest ingested first.
	Unrecognized(ctx context.Context, limit int) ([]news.Article, error)
	// Entities lists entities with their article and mention counts,
	// most articles first.
	Entities(ctx context.Context, q EntityQuery) ([]news.Entity, error)
	// Entity returns one entity with its aliases and roles, or an error
	// wrapping news.ErrNotFound.
	Entity(ctx context.Context, id string) (news.Entity, error)
	// EntityMentions lists the mentions of one entity (demonyms
	// included), newest article first, in text order within one.
	EntityMentions(ctx context.Context, id string, limit int) ([]news.EntityMention, error)
	// CoEntities lists the entities mentioned in the most articles
	// together with id; Articles counts those shared articles.
	CoEntities(ctx context.Context, id string, limit int) ([]news.Entity, error)
	// PutTimes records, in one transaction, the complete time expressions
	// of the batch's articles (replacing what was recorded for them) and
	// marks the articles processed, with or without expressions.
	PutTimes(ctx context.Context, b TimeBatch) error
	// Untimed returns up to limit stored articles the time stage has not
	// processed, oldest ingested first.
	Untimed(ctx context.Context, limit int) ([]news.Article, error)
	// TimeExpressions returns an article's time expressions in text order.
	TimeExpressions(ctx context.Context, article string) ([]news.TimeExpression, error)
	// PutQuotes records, in one transaction, the complete quotes of the
	// batch's articles (replacing the carriers recorded for them) and
	// marks the articles processed, with or without quotes.
	PutQuotes(ctx context.Context, b QuoteBatch) error
	// Unquoted returns up to limit stored articles the quote stage has
	// not processed, oldest ingested first.
	Unquoted(ctx context.Context, limit int) ([]news.Article, error)
	// QuoteContents calls fn for every quote's id and content, to
	// rebuild the index that recognises a quote carried again.
	QuoteContents(ctx context.Context, fn func(id, content string) error) error
	// Quotes lists quotes with all their carriers, earliest first.
	Quotes(ctx context.Context, q QuoteQuery) ([]news.Quote, error)
	// PutStories records, in one transaction, the story stage's results
	// for a batch: each member's story (a new member takes the next
	// sequence number; a member placed again, moved by a repair, keeps
	// its number and takes the new story, reason and why, and the new
	// input only if it carries one), the redirects of merged stories,
	// and marks the batch's articles processed. A member without an
	// article or story, or a story redirecting to itself, is an error
	// wrapping news.ErrInvalid.
	PutStories(ctx context.Context, b StoryBatch) error
	// Unstoried returns up to limit stored articles the story stage has
	// not processed, oldest ingested first.
	Unstoried(ctx context.Context, limit int) ([]news.Article, error)
	// StoryMembers calls fn for every member in sequence order, with its
	// article (Paragraphs not filled), to rebuild the clusterer from.
	StoryMembers(ctx context.Context, fn func(news.StoryMember, news.Article) error) error
	// StoryRedirects returns every merged story id with the id it
	// redirects to.
	StoryRedirects(ctx context.Context) (map[string]string, error)
	// Stories lists stories (never a merged one) with their counts,
	// time spans, titles and storylines. An unknown Sort is an error
	// wrapping news.ErrInvalid.
	Stories(ctx context.Context, q StoryQuery) ([]news.Story, error)
	// Story returns one story with its members (arrival order; each
	// Published is the article's publication, else ingestion, time) and
	// its StoryEntities top entities, following redirects, chains
	// included; an unknown id is an error wrapping news.ErrNotFound.
	Story(ctx context.Context, id string) (news.Story, error)
	// StoryVersion resolves a story id through its redirects and returns
	// the live story's id and a version that changes whenever its
	// membership does, so readers may cache what they build from it;
	// an unknown id is an error wrapping news.ErrNotFound.
	StoryVersion(ctx context.Context, id string) (string, int64, error)
	// PutStorylines replaces every storyline. Only ids and story lists
	// are kept (titles, counts and spans are computed from the stories
	// when read); a story in two storylines is an error wrapping
	// news.ErrInvalid.
	PutStorylines(ctx context.Context, lines []news.Storyline) error
	// Storylines lists storylines, latest last story first.
	Storylines(ctx context.Context, q StorylineQuery) ([]news.Storyline, error)
	// PutToken stores an API token (its hash, never its secret); an id
	// or hash already stored is an error wrapping news.ErrInvalid.
	PutToken(ctx context.Context, t news.Token) error
	// TokenByHash finds the token whose secret hashes to hash; none is
	// an error wrapping news.ErrNotFound.
	TokenByHash(ctx context.Context, hash string) (news.Token, error)
	// Tokens lists the tokens, oldest first.
	Tokens(ctx context.Context) ([]news.Token, error)
	// PutWebhook stores a webhook with its secret; an id already stored,
	// or a webhook without id, query, URL or secret, is an error
	// wrapping news.ErrInvalid.
	PutWebhook(ctx context.Context, w news.Webhook) error
	// Webhooks lists the webhooks with their secrets, oldest first.
	Webhooks(ctx context.Context) ([]news.Webhook, error)
	// DeleteWebhook deletes a webhook and its deliveries; an unknown id
	// is an error wrapping news.ErrNotFound.
	DeleteWebhook(ctx context.Context, id string) error
	// StoryOf returns the story an article is placed in, following
	// redirects as Story does; an unplaced or unknown article is an
	// error wrapping news.ErrNotFound.
	StoryOf(ctx context.Context, article string) (string, error)
	// RecordDelivery inserts or replaces the delivery of d.Story to
	// d.Webhook. A delivery without webhook or story, or with an unknown
	// status, is an error wrapping news.ErrInvalid; one for an unknown
	// webhook wraps news.ErrNotFound.
	RecordDelivery(ctx context.Context, d news.Delivery) error
	// Deliveries lists a webhook's deliveries, latest attempt first, at
	// most limit of them (every one when limit <= 0); an unknown
	// webhook has none.
	Deliveries(ctx context.Context, webhook string, limit int) ([]news.Delivery, error)
	// Stats summarises the store's contents.
	Stats(ctx context.Context) (Stats, error)
	// Close releases the store.
	Close() error
}

// Filter narrows article listings and searches. Zero fields do not filter.
type Filter struct {
	// Outlet matches the source name or domain, case-insensitively.
	Outlet   string
	Language string
	// From and To bound the publication time, inclusive From, exclusive To.
	From, To time.Time
	// AllCopies lists every member of a syndication group. By default a
	// group appears once: listings show its origin, searches its
	// best-matching member.
	AllCopies bool
}

// ArticleQuery asks for one page of articles.
type ArticleQuery struct {
	Filter
	// Limit is the page size; 0 means DefaultLimit, capped at MaxLimit.
	Limit int
	// Cursor is the opaque Next of the previous page, or "".
	Cursor string
}

// ArticlePage is one page of articles. Next is "" on the last page.
type ArticlePage struct {
	Articles []news.Article
	Next     string
}

// SearchQuery asks for one page of full-text results.
type SearchQuery struct {
	Filter
	// Text is the user's query: words (all required), "quoted phrases",
	// OR between alternatives, and a leading - to exclude a word.
	Text   string
	Limit  int
	Cursor string
	// Window bounds the matches that are ranked: when more articles
	// match, the hits are the best of the Window most recently stored.
	// 0 means DefaultSearchWindow.
	Window int
}

// DefaultSearchWindow is how many of a query's matches are ranked by
// default. Ranking costs time for every match (bm25 reads each one's
// term statistics), so a word in half of a large archive would cost
// seconds; news readers want the recent matches, and a narrower query
// or a date range reaches older ones.
const DefaultSearchWindow = 5000

// SearchWindow is the window a query asks for.
func (q SearchQuery) SearchWindow() int {
	if q.Window <= 0 {
		return DefaultSearchWindow
	}
	return q.Window
}

// SearchHit is one search result.
type SearchHit struct {
	Article news.Article
	// Score is the BM25 relevance; higher is better.
	Score float64
	// Snippet is a short plain-text excerpt around the matches, and
	// Highlights the byte spans of matched terms within it.
	Snippet    string
	Highlights []news.Span
}

// SearchPage is one page of search results.
type SearchPage struct {
	Hits []SearchHit
	Next string
	// Window is the number of matches ranked when more articles matched
	// (the most recently stored ones), and 0 when every match was.
	Window int
}

// Stats summarises a store.
type Stats struct {
	Articles int
	Failures int
	Outlets  int
	// DupGroups counts syndication groups; Copies the articles in them
	// that are not their group's origin.
	DupGroups int
	Copies    int
	// Entities counts identities; Quotes statements with at least one
	// carrier.
	Entities int
	Quotes   int
	// Stories counts stories (merged ones not included) and Storylines
	// the storylines.
	Stories    int
	Storylines int
}

// EntityBatch is one write of the entity stage's results.
type EntityBatch struct {
	// Entities are identities to insert or update (by ID).
	Entities []news.Entity
	// Articles were processed; Mentions are all their mentions.
	Articles []string
	Mentions []news.EntityMention
}

// TimeBatch is one write of the time stage's results.
type TimeBatch struct {
	Articles    []string
	Expressions []news.TimeExpression
}

// QuoteBatch is one write of the quote stage's results: the processed
// articles and their quotes, each with this batch's carriers only.
type QuoteBatch struct {
	Articles []string
	Quotes   []news.Quote
}

// StoryBatch is one write of the story stage's results.
type StoryBatch struct {
	// Articles are the processed articles (placed or not).
	Articles []string
	// Members are new placements and moves; Seq is assigned by the store.
	Members []news.StoryMember
	// Redirects maps each story merged in this batch to its survivor.
	Redirects map[string]string
}

// Story orders.
const (
	StoriesLatest = "latest" // latest article first (the default)
	StoriesSize   = "size"   // most articles first
)

// StoryQuery selects stories. Zero fields do not filter.
type StoryQuery struct {
	// Sort is StoriesLatest or StoriesSize.
	Sort string
	// From and To select stories with an article published (else
	// ingested) in [From, To).
	From, To time.Time
	// Entity selects stories with an article naming this entity id.
	Entity string
	// MinArticles hides smaller stories.
	MinArticles int
	// Limit is the number of stories; 0 means DefaultLimit, capped at
	// MaxLimit.
	Limit int
	// Cursor is the StoryCursor of the previous page's last story, or
	// "" for the first page.
	Cursor string
}

// StoryCursor is the position after s in a listing sorted by sort, for
// StoryQuery.Cursor. It is a keyset position (size, latest activity,
// id), so stories that start meanwhile do not shift the pages; a story
// that grows meanwhile moves in a listing sorted by it, as it should.
func StoryCursor(sort string, s news.Story) string {
	return base64.RawURLEncoding.EncodeToString([]byte("s" + canonicalSort(sort) + "|" + strconv.Itoa(s.Articles) + "|" +
		strconv.FormatInt(s.Last.UnixNano(), 10) + "|" + s.ID))
}

// canonicalSort names the default sort, so that its cursors match.
func canonicalSort(sort string) string {
	if sort == "" {
		return StoriesLatest
	}
	return sort
}

// StoryPosition is a decoded StoryCursor.
type StoryPosition struct {
	Articles int
	Last     int64 // Unix nanoseconds
	ID       string
}

// ParseStoryCursor decodes a StoryCursor made for sort; "" gives ok
// false. A cursor made for another sort is an error wrapping
// news.ErrInvalid.
func ParseStoryCursor(sort, c string) (p StoryPosition, ok bool, err error) {
	if c == "" {
		return p, false, nil
	}
	bad := fmt.Errorf("bad cursor: %w", news.ErrInvalid)
	b, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil || len(b) < 2 || b[0] != 's' {
		return p, false, bad
	}
	parts := strings.SplitN(string(b[1:]), "|", 4)
	if len(parts) != 4 || parts[0] != canonicalSort(sort) || parts[3] == "" {
		return p, false, bad
	}
	p.ID = parts[3]
	if p.Articles, err = strconv.Atoi(parts[1]); err != nil {
		return p, false, bad
	}
	if p.Last, err = strconv.ParseInt(parts[2], 10, 64); err != nil {
		return p, false, bad
	}
	return p, true, nil
}

// StorylineQuery selects storylines.
type StorylineQuery struct {
	// Story selects the storyline holding this story (a merged one's
	// survivor's).
	Story string
	// Limit is the number of storylines; 0 means DefaultLimit, capped
	// at MaxLimit.
	Limit int
	// Cursor is the StorylineCursor of the previous page's last line, or
	// "" for the first page.
	Cursor string
}

// QuoteQuery selects quotes. Zero fields do not filter; a quote matches
// when one of its carriers does.
type QuoteQuery struct {
	// Speaker is an entity id.
	Speaker string
	// Articles restricts to quotes carried by these articles (one
	// article, or a story's).
	Articles []string
	// Limit caps the number of quotes; 0 means 50.
	Limit int
	// Cursor is the QuoteCursor of the previous page's last quote, or ""
	// for the first page.
	Cursor string
}

// AssembleQuotes groups carriers (in any order) into quotes, given each
// quote's kind and content, and orders them earliest first. A quote's
// speaker is the one most of its carriers name, an identified speaker
// beating an unresolved one, the earliest carrier's on a tie.
func AssembleQuotes(carriers []news.QuoteCarrier, kinds, contents map[string]string) []news.Quote {
	slices.SortStableFunc(carriers, func(a, b news.QuoteCarrier) int {
		if c := a.Published.Compare(b.Published); c != 0 {
			return c
		}
		if c := strings.Compare(a.Article, b.Article); c != 0 {
			return c
		}
		return a.Content.Start - b.Content.Start
	})
	var out []news.Quote
	at := map[string]int{}
	for _, c := range carriers {
		i, ok := at[c.Quote]
		if !ok {
			i = len(out)
			at[c.Quote] = i
			out = append(out, news.Quote{ID: c.Quote, Kind: kinds[c.Quote], Content: contents[c.Quote], First: c.Published})
		}
		out[i].Carriers = append(out[i].Carriers, c)
	}
	for i := range out {
		out[i].Speaker = majoritySpeaker(out[i].Carriers)
	}
	// The listing's order is the stores' page order — first carrier,
	// then id — so that a QuoteCursor taken from the last quote of a
	// page continues exactly where the page ended.
	slices.SortStableFunc(out, func(a, b news.Quote) int {
		if c := a.First.Compare(b.First); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	return out
}

func majoritySpeaker(cs []news.QuoteCarrier) news.Speaker {
	weight := func(s news.Speaker) int {
		switch {
		case s.Entity != "":
			return 2
		case s.Type != "":
			return 1
		}
		return 0
	}
	votes := map[news.Speaker]int{}
	var best news.Speaker
	for _, c := range cs {
		votes[c.Speaker] += 1
	}
	for _, c := range cs { // carrier order breaks ties
		s := c.Speaker
		if w, bw := weight(s), weight(best); w > bw || (w == bw && votes[s] > votes[best]) {
			best = s
		}
	}
	return best
}

// Day formats a calendar day as backends store it ("2015-12-15"); nil
// for the zero time, which means "not a calendar date".
func Day(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.Format(time.DateOnly)
}

// ParseDay is the inverse of Day for a non-NULL column.
func ParseDay(s string) (time.Time, error) {
	return time.Parse(time.DateOnly, s)
}

// EntityQuery selects entities. Zero fields do not filter.
type EntityQuery struct {
	// Type is a CoNLL class: PER, ORG, LOC or MISC.
	Type string
	// Name matches the canonical name or any spelling in a mention,
	// case-insensitively, as a whole.
	Name string
	// Match selects entities one of whose keys (news.Entity.Keys)
	// contains it: a fragment of a name, normalised as the keys are
	// (entity.NameKey), so that "lavr" or "sergey lav" finds Sergei
	// Lavrov. Every character is literal.
	Match string
	// Article restricts the list to the entities one article mentions.
	Article string
	// Limit is the number of entities; 0 means DefaultLimit, capped at
	// MaxLimit.
	Limit int
	// Cursor is the EntityCursor of the previous page's last entity, or
	// "" for the first page.
	Cursor string
}

// DedupBatch is one write of duplicate-detector results.
type DedupBatch struct {
	Fingerprints []Fingerprint
	Links        []news.Reuse
	// Groups are complete memberships; an article listed in one leaves
	// whatever group it was in before (groups only ever merge).
	Groups []news.DupGroup
}

// Fingerprint is the detector's opaque, versioned encoding of one article.
type Fingerprint struct {
	Article string
	Data    []byte
}

// LinkQuery selects reuse links.
type LinkQuery struct {
	// Article restricts the links to those of one article.
	Article string
	// CopiesOnly drops partial reuse (shared paragraphs and sentences).
	CopiesOnly bool
	// Limit bounds the result; 0 means no bound.
	Limit int
}

// Page size bounds shared by every backend.
const (
	DefaultLimit = 20
	MaxLimit     = 500
)

// ClampLimit applies DefaultLimit and MaxLimit.
func ClampLimit(n int) int {
	switch {
	case n <= 0:
		return DefaultLimit
	case n > MaxLimit:
		return MaxLimit
	}
	return n
}

// BoundNanos is t in nanoseconds since 1970, t first brought within
// news.MinTime..MaxTime, so that a query bound such as "to 9999-12-31"
// means "to the end" rather than wrapping round to an earlier date.
func BoundNanos(t time.Time) int64 {
	switch {
	case t.Before(news.MinTime):
		t = news.MinTime
	case !t.Before(news.MaxTime):
		t = news.MaxTime
	}
	return t.UnixNano()
}

// CheckArticleTimes reports an article whose publication or ingestion
// time the stores cannot keep: they count nanoseconds since 1970 in 64
// bits, so a time outside news.MinTime..MaxTime would come back
// as another date. The pipeline drops such publication dates before
// storing; a store meeting one anyway refuses the batch rather than
// corrupt it.
func CheckArticleTimes(a news.Article) error {
	for _, t := range []time.Time{a.Published, a.IngestedAt} {
		if !t.IsZero() && !news.TimeInRange(t) {
			return fmt.Errorf("article %s: time %s outside %d-%d: %w", a.ID, t.Format(time.RFC3339),
				news.MinTime.Year(), news.MaxTime.Year()-1, news.ErrInvalid)
		}
	}
	return nil
}

// SortTime is the instant articles are ordered by: publication time when
// known, else ingestion time.
func SortTime(a news.Article) time.Time {
	if !a.Published.IsZero() {
		return a.Published
	}
	return a.IngestedAt
}

// KeysetCursor encodes the position after the last article of a page.
// Keyset (not offset) cursors keep pages stable while articles arrive.
func KeysetCursor(t time.Time, id string) string {
	return base64.RawURLEncoding.EncodeToString([]byte("k" + strconv.FormatInt(t.UnixNano(), 10) + "|" + id))
}

// ParseKeysetCursor decodes a KeysetCursor.
func ParseKeysetCursor(c string) (time.Time, string, error) {
	b, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil || len(b) < 2 || b[0] != 'k' {
		return time.Time{}, "", fmt.Errorf("bad cursor: %w", news.ErrInvalid)
	}
	ns, id, ok := strings.Cut(string(b[1:]), "|")
	n, err := strconv.ParseInt(ns, 10, 64)
	if !ok || err != nil || id == "" {
		return time.Time{}, "", fmt.Errorf("bad cursor: %w", news.ErrInvalid)
	}
	return time.Unix(0, n).UTC(), id, nil
}

// OffsetCursor encodes a result offset. Search uses offsets because BM25
// scores have no stable key to seek on.
func OffsetCursor(offset int) string {
	return base64.RawURLEncoding.EncodeToString([]byte("o" + strconv.Itoa(offset)))
}

// ParseOffsetCursor decodes an OffsetCursor; "" is offset 0.
func ParseOffsetCursor(c string) (int, error) {
	if c == "" {
		return 0, nil
	}
	b, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil || len(b) < 2 || b[0] != 'o' {
		return 0, fmt.Errorf("bad cursor: %w", news.ErrInvalid)
	}
	n, err := strconv.Atoi(string(b[1:]))
	if err != nil || n < 0 {
		return 0, fmt.Errorf("bad cursor: %w", news.ErrInvalid)
	}
	return n, nil
}

// linkRank orders link kinds from the strongest relation to the weakest.
var linkRank = map[string]int{"exact": 0, "near": 1, "contained": 2, "reworded": 3,
	"assembled-from": 4, "shares-paragraphs": 5, "shares-sentences": 6}

// SortLinks orders one article's links as every backend returns them:
// copies first, then by kind, then by Jaccard, highest first.
func SortLinks(ls []news.Reuse) {
	slices.SortStableFunc(ls, func(a, b news.Reuse) int {
		ra, ok := linkRank[a.Kind]
		if !ok {
			ra = len(linkRank)
		}
		rb, ok := linkRank[b.Kind]
		if !ok {
			rb = len(linkRank)
		}
		return cmp.Or(cmp.Compare(ra, rb), cmp.Compare(b.Jaccard, a.Jaccard),
			cmp.Compare(b.Sentences, a.Sentences), cmp.Compare(a.Other, b.Other))
	})
}

// SplitKeys decodes the one-per-line keys column backends keep for
// news.Entity.Keys.
func SplitKeys(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

// EncodeVotes and DecodeVotes convert news.Entity.Votes to and from the
// JSON text backends keep; votes that cannot be read count as none,
// since they only inform the class, which is stored on its own.
func EncodeVotes(v map[string]int) string {
	if len(v) == 0 {
		return "{}"
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// DecodeVotes is the inverse of EncodeVotes.
func DecodeVotes(s string) map[string]int {
	var v map[string]int
	if json.Unmarshal([]byte(s), &v) != nil || len(v) == 0 {
		return nil
	}
	return v
}
