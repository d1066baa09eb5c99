package ingest

import (
	"bytes"
	"net/url"
	"strings"
)

// A robots.txt parser and matcher after RFC 9309 (the Robots Exclusion
// Protocol), written here rather than imported: it is small, it sits on
// the path of every fetch, and its behaviour on hostile files is ours to
// test.

// robotsAgent is the product token Dossier answers to in robots.txt
// ("User-agent: dossier"), whatever Config.UserAgent says. The product
// token of Config.UserAgent is honoured as well, so that a site owner who
// reads a custom agent in the logs can address it.
const robotsAgent = "dossier"

// robotsMaxBytes caps a robots.txt. RFC 9309 §2.5 asks crawlers to parse
// at least 500 KiB; what follows is ignored rather than failing the file,
// as the RFC allows, so an oversized file still gives the rules it starts
// with.
const robotsMaxBytes = 500 << 10

// robotsRule is one Allow or Disallow line of the group that applies to
// us.
type robotsRule struct {
	allow bool
	// pattern is the normalised path pattern (see normRobotsPath) without
	// the trailing '$'; '*' matches any run of characters.
	pattern string
	// anchored is set when the value ended in '$': the path must end
	// where the pattern does, instead of merely starting with it.
	anchored bool
}

// specificity is the rule's length in octets, '$' included: RFC 9309
// §2.2.2 makes the longest matching rule win.
func (r robotsRule) specificity() int {
	if r.anchored {
		return len(r.pattern) + 1
	}
	return len(r.pattern)
}

// String gives the rule as it would be written, for failure messages.
func (r robotsRule) String() string {
	s := "Disallow: "
	if r.allow {
		s = "Allow: "
	}
	s += r.pattern
	if r.anchored {
		s += "$"
	}
	return s
}

// matches reports whether the rule matches the normalised path.
func (r robotsRule) matches(path string) bool {
	return globMatch(r.pattern, path, r.anchored)
}

// robotsRules are the rules of the groups of one robots.txt that apply to
// us. The zero value (and nil) allows everything.
type robotsRules struct {
	rules []robotsRule
}

// parseRobots reads a robots.txt and keeps the rules that apply to the
// given product tokens (lower case): those of every group naming one of
// them, combined (RFC 9309 §2.2.1), or if no group does, those of every
// "User-agent: *" group. It never fails: lines it cannot read are
// skipped, which is what the RFC asks of crawlers.
func parseRobots(data []byte, agents ...string) *robotsRules {
	if len(data) > robotsMaxBytes {
		data = data[:robotsMaxBytes]
	}
	data = bytes.TrimPrefix(data, utf8BOM)
	var (
		specific, global []robotsRule
		named            bool // some group names one of agents
		started          bool // a user-agent line has been seen
		inRules          bool // a rule has been seen since the last user-agent line
		forUs, forAll    bool // the current group names one of agents, or "*"
	)
	for len(data) > 0 {
		var line []byte
		if i := bytes.IndexAny(data, "\r\n"); i >= 0 {
			line, data = data[:i], data[i+1:]
		} else {
			line, data = data, nil
		}
		if i := bytes.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		k, v, ok := bytes.Cut(line, []byte(":"))
		if !ok {
			continue
		}
		key := strings.ToLower(string(bytes.TrimSpace(k)))
		val := string(bytes.TrimSpace(v))
		switch key {
		case "user-agent", "useragent", "user agent":
			// A user-agent line after rules starts a new group; consecutive
			// ones name the same group.
			if inRules {
				forUs, forAll, inRules = false, false, false
			}
			started = true
			switch tok := agentToken(val); {
			case tok == "*":
				forAll = true
			case tok != "" && containsString(agents, tok):
				forUs, named = true, true
			}
		case "allow", "disallow":
			if !started {
				continue // rules outside any group apply to no one
			}
			inRules = true
			rule, ok := newRobotsRule(key == "allow", val)
			if !ok {
				continue
			}
			if forUs {
				specific = append(specific, rule)
			}
			if forAll {
				global = append(global, rule)
			}
		default:
			// Sitemap, Crawl-delay and unknown records neither start nor end
			// a group (RFC 9309 §2.2.4).
		}
	}
	if named {
		return &robotsRules{rules: specific}
	}
	return &robotsRules{rules: global}
}

// agentToken is the product token a User-agent value names, lower case:
// "*" for the wildcard, else its leading letters, '-' and '_' (RFC 9309
// §2.2.1), so that "Dossier/2.0 (+https://…)" names "dossier".
func agentToken(v string) string {
	if strings.HasPrefix(v, "*") {
		return "*"
	}
	i := 0
	for i < len(v) && (v[i] >= 'a' && v[i] <= 'z' || v[i] >= 'A' && v[i] <= 'Z' || v[i] == '-' || v[i] == '_') {
		i++
	}
	return strings.ToLower(v[:i])
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// newRobotsRule builds the rule of an Allow or Disallow value. An empty
// value is no rule at all: "Disallow:" allows everything (RFC 9309
// §2.2.2). A value that starts with neither '/' nor '*' is taken as
// rooted ("Disallow: private" as "/private"), the reading that errs on the
// side of the site.
func newRobotsRule(allow bool, v string) (robotsRule, bool) {
	if v == "" {
		return robotsRule{}, false
	}
	r := robotsRule{allow: allow}
	if strings.HasSuffix(v, "$") {
		r.anchored = true
		v = v[:len(v)-1]
	}
	if v == "" || v[0] != '/' && v[0] != '*' {
		v = "/" + v
	}
	r.pattern = normRobotsPath(v)
	return r, true
}

// decide says whether path (normalised, see robotsPath) may be fetched,
// and which rule decided it (nil when none matched). The longest matching
// rule wins; between an Allow and a Disallow of the same length, Allow
// wins (RFC 9309 §2.2.2). /robots.txt itself is always allowed (§2.2.2).
func (rr *robotsRules) decide(path string) (bool, *robotsRule) {
	if rr == nil || path == "/robots.txt" {
		return true, nil
	}
	var best *robotsRule
	for i := range rr.rules {
		r := &rr.rules[i]
		if !r.matches(path) {
			continue
		}
		if best == nil || r.specificity() > best.specificity() ||
			r.specificity() == best.specificity() && r.allow && !best.allow {
			best = r
		}
	}
	if best == nil {
		return true, nil
	}
	return best.allow, best
}

// robotsPath is what rules are matched against: the URL's path and query,
// normalised like the patterns.
func robotsPath(u *url.URL) string {
	p := u.EscapedPath()
	if p == "" {
		p = "/"
	}
	if u.RawQuery != "" || u.ForceQuery {
		p += "?" + u.RawQuery
	}
	return normRobotsPath(p)
}

// normRobotsPath puts a path or pattern in one percent-encoding, so that
// "/%7Euser", "/~user" and "/caf%c3%a9", "/café" compare equal (RFC 9309
// §2.2.2): an encoded unreserved character is decoded, other escapes get
// upper-case hex, and octets outside printable ASCII are encoded. '*' and
// '$' pass through untouched: in a pattern they are operators, in a path
// they are literal either way.
func normRobotsPath(s string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			d := unhex(s[i+1])<<4 | unhex(s[i+2])
			if isUnreserved(d) {
				b.WriteByte(d)
			} else {
				b.WriteByte('%')
				b.WriteByte(hex[d>>4])
				b.WriteByte(hex[d&15])
			}
			i += 2
		case c <= ' ' || c >= 0x7f:
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c >= 'a':
		return c - 'a' + 10
	case c >= 'A':
		return c - 'A' + 10
	}
	return c - '0'
}

// isUnreserved reports RFC 3986 unreserved characters, the only ones
// whose escaped and plain forms mean the same thing in a path.
func isUnreserved(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
		c == '-' || c == '.' || c == '_' || c == '~'
}

// globMatch reports whether pattern, where '*' matches any run of
// characters, matches s: a prefix of s unless anchored, all of s if
// anchored. The first piece must start s; each middle piece is taken at
// its leftmost occurrence, which leaves the most room for the rest, so
// the scan never backtracks; an anchored pattern's last piece must end s
// after them.
func globMatch(pattern, s string, anchored bool) bool {
	pieces := strings.Split(pattern, "*")
	if len(pieces) == 1 {
		if anchored {
			return s == pattern
		}
		return strings.HasPrefix(s, pattern)
	}
	first, last := pieces[0], pieces[len(pieces)-1]
	if !strings.HasPrefix(s, first) {
		return false
	}
	s = s[len(first):]
	for _, p := range pieces[1 : len(pieces)-1] {
		i := strings.Index(s, p)
		if i < 0 {
			return false
		}
		s = s[i+len(p):]
	}
	if anchored {
		return strings.HasSuffix(s, last)
	}
	return strings.Contains(s, last)
}
