package news

import "testing"

func TestQuoteID(t *testing.T) {
	long := "We will keep the harbour open through the winter storms"
	tests := []struct {
		name       string
		a, b       string // contents
		artA, artB string
		atA, atB   int
		same       bool
	}{
		{"copies share a long quote", long, "we will keep the harbour open, through the winter storms!", "a1", "a2", 10, 99, true},
		{"different words differ", long, "We will close the harbour through the winter storms", "a1", "a2", 10, 10, false},
		{"short contents stay per article", "the plan", "the plan", "a1", "a2", 5, 5, false},
		{"short content, same place, same id", "the plan", "the plan", "a1", "a1", 5, 5, true},
		{"short content, two places in one article", "the plan", "the plan", "a1", "a1", 5, 40, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x, y := QuoteID(tt.artA, tt.a, tt.atA), QuoteID(tt.artB, tt.b, tt.atB)
			if got := x == y; got != tt.same {
				t.Errorf("QuoteID(%q) == QuoteID(%q): got %v, want %v", tt.a, tt.b, got, tt.same)
			}
		})
	}
}
