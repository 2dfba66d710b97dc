package knowledge

import (
	"embed"
	"fmt"
	"sync"
)

// articles holds the built-in article, so the bot can answer with no
// knowledge directory at all.
//
//go:embed articles/*.md
var articles embed.FS

// builtinFile is the built-in article inside articles.
const builtinFile = "generative-ai-vs-llms.md"

// BuiltinPath is the Path of the built-in article; it names no file on disk.
const BuiltinPath = "builtin:" + builtinFile

// builtin parses the embedded article once: it cannot change while the
// program runs.
var builtin = sync.OnceValue(func() *Article {
	src, err := articles.ReadFile("articles/" + builtinFile)
	if err != nil {
		panic(fmt.Sprintf("knowledge: read built-in article: %v", err))
	}
	a, err := Parse(BuiltinPath, src)
	if err != nil {
		panic(fmt.Sprintf("knowledge: parse built-in article:\n%v", err))
	}
	return a
})

// Builtin returns the article that ships inside the binary. It is parsed
// on first use and shared: callers must not modify it. It panics only if
// the embedded file is broken, which TestBuiltin rules out before a release.
func Builtin() *Article { return builtin() }
