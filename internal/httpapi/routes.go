package httpapi

import (
	"net/http"

	"github.com/dossier-news/dossier/internal/news"
)

// route is one API operation: how it is served and how the OpenAPI
// document describes it. The table is the single list both are built
// from, so the document cannot miss a route.
type route struct {
	method, path string
	summary      string
	params       []param
	// response is a value of the type the handler answers 200 (or 201)
	// with; nil for non-JSON answers (feeds, metrics).
	response any
	// contentType is the answer's media type when it is not JSON.
	contentType string
	handler     func(*Server) http.HandlerFunc
}

// param is a query or path parameter.
type param struct {
	name, in, typ, desc string
}

var (
	pID      = param{"id", "path", "string", "the resource id"}
	pLimit   = param{"limit", "query", "integer", "page size (default 50, at most 500)"}
	pCursor  = param{"cursor", "query", "string", "next_cursor of the previous page"}
	pOutlet  = param{"outlet", "query", "string", "outlet name or domain"}
	pLang    = param{"lang", "query", "string", "language code (en, de, …)"}
	pFrom    = param{"from", "query", "string", "published on or after (YYYY-MM-DD or RFC 3339)"}
	pTo      = param{"to", "query", "string", "published before the end of (YYYY-MM-DD or RFC 3339)"}
	pAll     = param{"all", "query", "boolean", "list every syndicated copy, not one per group"}
	pQ       = param{"q", "query", "string", "search words, \"phrases\", OR, -exclusions"}
	pDates   = param{"dates", "query", "integer", "how many dates (default: those that stand out)"}
	pPerDate = param{"per_date", "query", "integer", "sentences per date, 1 to 3"}
	filters  = []param{pOutlet, pLang, pFrom, pTo, pAll, pLimit, pCursor}
)

// Health is the body of /healthz and /readyz.
type Health struct {
	Status string `json:"status"`
}

// StatsBody is the body of GET /api/v1/stats.
type StatsBody struct {
	Articles   int `json:"articles"`
	Outlets    int `json:"outlets"`
	Failures   int `json:"failures"`
	DupGroups  int `json:"dup_groups"`
	Copies     int `json:"copies"`
	Entities   int `json:"entities"`
	Quotes     int `json:"quotes"`
	Stories    int `json:"stories"`
	Storylines int `json:"storylines"`
}

func routes() []route {
	h := func(f func(*Server, http.ResponseWriter, *http.Request)) func(*Server) http.HandlerFunc {
		return func(s *Server) http.HandlerFunc { return func(w http.ResponseWriter, r *http.Request) { f(s, w, r) } }
	}
	return []route{
		{"GET", "/api/v1/articles", "List articles, newest first, one per syndication group", filters, ArticleList{}, "", h((*Server).listArticles)},
		{"POST", "/api/v1/articles", "Add an article (JSON or text/html; bearer token)", []param{{"url", "query", "string", "where a posted HTML page came from"}}, PostedArticle{}, "", h((*Server).postArticles)},
		{"GET", "/api/v1/articles/{id}", "One article with its text", []param{pID}, news.Article{}, "", h((*Server).getArticle)},
		{"GET", "/api/v1/articles/{id}/links", "Text the article shares with others", []param{pID}, Links{}, "", h((*Server).articleLinks)},
		{"GET", "/api/v1/articles/{id}/times", "The article's time expressions", []param{pID}, Times{}, "", h((*Server).articleTimes)},
		{"GET", "/api/v1/dups", "Syndication groups, earliest publisher first", []param{pLimit}, DupGroups{}, "", h((*Server).dupGroups)},
		{"GET", "/api/v1/entities", "People, organisations and places", []param{{"type", "query", "string", "PER, ORG, LOC or MISC"}, {"name", "query", "string", "name or alias"}, {"match", "query", "string", "part of a name, spelling variants folded"}, {"article", "query", "string", "named in this article"}, pLimit, pCursor}, Entities{}, "", h((*Server).listEntities)},
		{"GET", "/api/v1/entities/{id}", "One entity with recent mentions and related entities", []param{pID}, EntityDetail{}, "", h((*Server).getEntity)},
		{"GET", "/api/v1/entities/{id}/feed", "Atom feed of the latest articles naming the entity", []param{pID}, nil, "application/atom+xml", h((*Server).entityFeed)},
		{"GET", "/api/v1/quotes", "Who said what, earliest first", []param{{"speaker", "query", "string", "speaker entity id"}, {"story", "query", "string", "story id"}, {"article", "query", "string", "article id"}, pLimit, pCursor}, Quotes{}, "", h((*Server).listQuotes)},
		{"GET", "/api/v1/search", "Full-text search", append([]param{pQ}, filters...), SearchResults{}, "", h((*Server).search)},
		{"GET", "/api/v1/search/feed", "Atom feed of a search's matches, newest first", append([]param{pQ}, filters[:5]...), nil, "application/atom+xml", h((*Server).searchFeed)},
		{"GET", "/api/v1/stories", "Stories, latest or largest", []param{{"sort", "query", "string", "latest or size"}, pFrom, pTo, {"entity", "query", "string", "naming this entity id"}, {"min", "query", "integer", "at least this many articles"}, pLimit, pCursor}, Stories{}, "", h((*Server).listStories)},
		{"GET", "/api/v1/stories/{id}", "One story: members, entities, storyline", []param{pID}, StoryDetail{}, "", h((*Server).getStory)},
		{"GET", "/api/v1/stories/{id}/summary", "The story's cited extractive summary", []param{pID, {"words", "query", "integer", "length budget in words, 10 to 1000"}}, news.Summary{}, "", h((*Server).storySummary)},
		{"GET", "/api/v1/stories/{id}/timeline", "The story's dated timeline", []param{pID, pDates, pPerDate}, news.Timeline{}, "", h((*Server).storyTimeline)},
		{"GET", "/api/v1/stories/{id}/feed", "Atom feed of the story's articles, newest first", []param{pID}, nil, "application/atom+xml", h((*Server).storyFeed)},
		{"GET", "/api/v1/storylines", "Storylines: stories linked across months", []param{{"story", "query", "string", "the storyline of this story"}, pLimit, pCursor}, Storylines{}, "", h((*Server).listStorylines)},
		{"GET", "/api/v1/storylines/{id}/timeline", "The storyline's dated timeline", []param{pID, pDates, pPerDate}, news.Timeline{}, "", h((*Server).storylineTimeline)},
		{"GET", "/api/v1/stats", "Store counts", nil, StatsBody{}, "", h((*Server).stats)},
		{"GET", "/api/v1/openapi.json", "This document", nil, nil, "application/json", h((*Server).openAPI)},
		{"GET", "/healthz", "Liveness", nil, Health{}, "", h(func(_ *Server, w http.ResponseWriter, _ *http.Request) {
			writeJSON(w, http.StatusOK, Health{Status: "ok"})
		})},
		{"GET", "/readyz", "Readiness: the store answers", nil, Health{}, "", h((*Server).ready)},
		{"GET", "/metrics", "Prometheus metrics", nil, nil, "text/plain", h((*Server).metrics)},
	}
}
