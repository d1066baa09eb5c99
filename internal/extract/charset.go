package extract

import (
	"bytes"
	"mime"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/unicode"
)

// metaScanBytes is how much of a page we search for <meta charset>. The
// HTML standard's prescan reads 1024 bytes; real pages often put a long
// <title> or inline script first, so we allow twice that.
const metaScanBytes = 2048

// decodeHTML turns the raw bytes of a page into valid UTF-8 and reports
// which encoding it used. We decode before parsing, rather than letting a
// parser guess, so that the order of evidence is ours and testable:
//
//  1. a byte-order mark,
//  2. the charset of the HTTP Content-Type,
//  3. <meta charset> or <meta http-equiv=Content-Type> near the top,
//  4. UTF-8 when the bytes are valid UTF-8, else windows-1252.
//
// One exception to that order: a declared legacy charset is ignored when
// the whole page is valid UTF-8 and contains multi-byte sequences. Servers
// and templates often claim ISO-8859-1 for UTF-8 pages, and text in a
// legacy charset is practically never valid multi-byte UTF-8 by accident.
func decodeHTML(raw []byte, contentType string) (string, string) {
	if enc, name, n := bomEncoding(raw); enc != nil {
		return decodeWith(enc, raw[n:]), name
	}
	label := headerCharset(contentType)
	if label == "" {
		label = metaCharset(raw)
	}
	if label != "" {
		if enc, err := htmlindex.Get(label); err == nil {
			name, _ := htmlindex.Name(enc)
			switch {
			case name == "utf-8":
				return cleanUTF8(raw), name
			case isMultiByteUTF8(raw):
				return cleanUTF8(raw), "utf-8"
			default:
				return decodeWith(enc, raw), name
			}
		}
	}
	if utf8.Valid(raw) {
		return cleanUTF8(raw), "utf-8"
	}
	return decodeWith(charmap.Windows1252, raw), "windows-1252"
}

// bomEncoding recognises a byte-order mark and returns the encoding it
// announces and the BOM's length.
func bomEncoding(raw []byte) (encoding.Encoding, string, int) {
	switch {
	case bytes.HasPrefix(raw, []byte{0xEF, 0xBB, 0xBF}):
		return unicode.UTF8, "utf-8", 3
	case bytes.HasPrefix(raw, []byte{0xFE, 0xFF}):
		return unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), "utf-16be", 2
	case bytes.HasPrefix(raw, []byte{0xFF, 0xFE}):
		return unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), "utf-16le", 2
	}
	return nil, "", 0
}

// headerCharset returns the charset parameter of a Content-Type value.
// Malformed headers are common ("text/html; charset=utf-8;"), so when
// mime cannot parse the value we look for the parameter by hand.
func headerCharset(contentType string) string {
	if contentType == "" {
		return ""
	}
	if _, params, err := mime.ParseMediaType(contentType); err == nil {
		return strings.TrimSpace(params["charset"])
	}
	return charsetParam(contentType)
}

// charsetParam extracts the value after "charset=" in s, as in the
// content attribute of <meta http-equiv=Content-Type>.
func charsetParam(s string) string {
	i := strings.Index(strings.ToLower(s), "charset")
	if i < 0 {
		return ""
	}
	s = strings.TrimLeft(s[i+len("charset"):], " \t")
	if !strings.HasPrefix(s, "=") {
		return ""
	}
	s = strings.Trim(strings.TrimLeft(s[1:], " \t"), `"'`)
	if j := strings.IndexAny(s, `;"' `); j >= 0 {
		s = s[:j]
	}
	return s
}

// metaCharset finds the charset a page declares in a <meta> tag within
// its first metaScanBytes bytes, or "".
func metaCharset(raw []byte) string {
	if len(raw) > metaScanBytes {
		raw = raw[:metaScanBytes]
	}
	z := html.NewTokenizer(bytes.NewReader(raw))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return ""
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			if string(name) != "meta" || !hasAttr {
				continue
			}
			var charset, equiv, content string
			for hasAttr {
				var k, v []byte
				k, v, hasAttr = z.TagAttr()
				switch string(k) {
				case "charset":
					charset = string(v)
				case "http-equiv":
					equiv = string(v)
				case "content":
					content = string(v)
				}
			}
			if charset == "" && strings.EqualFold(strings.TrimSpace(equiv), "content-type") {
				charset = charsetParam(content)
			}
			if label := metaLabel(charset); label != "" {
				return label
			}
		}
	}
}

// metaLabel applies the HTML standard's corrections to a charset found in
// a <meta> tag: a page readable as ASCII cannot really be UTF-16, and
// x-user-defined is windows-1252 in practice.
func metaLabel(label string) string {
	label = strings.ToLower(strings.TrimSpace(label))
	switch {
	case label == "":
		return ""
	case strings.HasPrefix(label, "utf-16"):
		return "utf-8"
	case label == "x-user-defined":
		return "windows-1252"
	}
	return label
}

// isMultiByteUTF8 reports whether raw is valid UTF-8 with at least one
// non-ASCII character, the signature of a page mislabelled as legacy.
func isMultiByteUTF8(raw []byte) bool {
	for _, c := range raw {
		if c >= utf8.RuneSelf {
			return utf8.Valid(raw)
		}
	}
	return false
}

// decodeWith converts raw from enc to clean UTF-8.
func decodeWith(enc encoding.Encoding, raw []byte) string {
	out, err := enc.NewDecoder().Bytes(raw)
	if err != nil {
		// x/text decoders replace bad input rather than fail; an error
		// here means a broken transformer, so keep what we can read.
		return cleanUTF8(raw)
	}
	return cleanUTF8(out)
}

// cleanUTF8 drops NULs, invalid sequences and U+FFFD: none carries text,
// and NULs upset every downstream consumer from the parser to SQLite.
func cleanUTF8(b []byte) string {
	if utf8.Valid(b) && bytes.IndexByte(b, 0) < 0 && !bytes.Contains(b, []byte("\uFFFD")) {
		return string(b)
	}
	var sb strings.Builder
	sb.Grow(len(b))
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		if r != 0 && r != utf8.RuneError {
			sb.Write(b[:n])
		}
		b = b[n:]
	}
	return sb.String()
}

// binaryMagic are signatures of common non-text files that end up in a
// crawl under an .html name.
var binaryMagic = [][]byte{
	[]byte("%PDF-"), []byte("\x89PNG"), []byte("GIF87a"), []byte("GIF89a"),
	[]byte("\xFF\xD8\xFF"), []byte("PK\x03\x04"), []byte("\x1F\x8B"),
	[]byte("BZh"), []byte("\x7FELF"), []byte("RIFF"), []byte("OggS"),
	[]byte("7z\xBC\xAF"), []byte("Rar!"), []byte("wOFF"), []byte("wOF2"),
}

// looksBinary reports whether raw is not text: a known file signature, or
// more than 5% control bytes at the start (text pages have next to none,
// and UTF-16 pages carry a BOM, which is checked first).
func looksBinary(raw []byte) bool {
	if enc, _, _ := bomEncoding(raw); enc != nil {
		return false
	}
	for _, m := range binaryMagic {
		if bytes.HasPrefix(raw, m) {
			return true
		}
	}
	head := raw
	if len(head) > 1024 {
		head = head[:1024]
	}
	ctrl := 0
	for _, c := range head {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1B {
			ctrl++
		}
	}
	return ctrl*20 > len(head)
}
