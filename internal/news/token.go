package news

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"time"
)

// Token is a credential for the API's writes. Its secret is shown once,
// when it is created; only the secret's SHA-256 is stored, so a copy of
// the store does not hand out write access.
type Token struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	// Hash is the hex SHA-256 of the secret.
	Hash    string    `json:"-"`
	Created time.Time `json:"created"`
}

// tokenPrefix marks Dossier secrets so that they are recognisable in a
// leaked log or a secret scanner.
const tokenPrefix = "dsk_"

// NewToken makes a token named name, returning it with its secret.
func NewToken(name string, now time.Time) (Token, string, error) {
	var b [32]byte
	if _, err := rand.Read(b[:]); err != nil {
		return Token{}, "", err
	}
	secret := tokenPrefix + hex.EncodeToString(b[:])
	return Token{ID: "t" + hex.EncodeToString(b[:4]), Name: name, Hash: HashToken(secret), Created: now.UTC()}, secret, nil
}

// HashToken is the stored form of a secret.
func HashToken(secret string) string {
	h := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(h[:])
}
