package knowledge

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// Synthetic makes a corpus of n articles of ten sections each, from a fixed
// seed, for benchmarks at classroom-library scale. Its words are drawn from a
// vocabulary of the field so that searches over it do real work.
func Synthetic(n int, seed uint64) []*Article {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	out := make([]*Article, 0, n)
	for a := range n {
		art := &Article{Title: fmt.Sprintf("Synthetic notes %d", a), Source: "synthetic", Path: fmt.Sprintf("synthetic/%04d.md", a)}
		for s := range 10 {
			heading := fmt.Sprintf("%s %s %d", cap1(pick(r)), pick(r), s)
			var blocks []Block
			for range 3 {
				blocks = append(blocks, Block{Kind: Paragraph, Text: sentence(r, 12+r.IntN(20))})
			}
			blocks = append(blocks, Block{Kind: Item, Text: sentence(r, 8)}, Block{Kind: Item, Text: sentence(r, 8)})
			sec := Section{ID: fmt.Sprintf("s%d", s), Heading: heading, Level: 2, Line: 1 + s*8, Blocks: blocks}
			sec.Passages = passages(lines(blocks))
			art.Sections = append(art.Sections, sec)
		}
		out = append(out, art)
	}
	return out
}

var syntheticWords = strings.Fields(`model models language large generative transformer attention token tokens
training pretraining finetuning inference prompt prompts dataset data bias fairness copyright
image images video audio music code text chatbot assistant neural network layer embedding vector
diffusion gan evaluation benchmark accuracy safety alignment hallucination retrieval context window
classroom student teacher lesson example examples scope purpose technology application applications
learn learning predict prediction word words sentence grammar meaning translation summarization`)

func pick(r *rand.Rand) string { return syntheticWords[r.IntN(len(syntheticWords))] }

func sentence(r *rand.Rand, n int) string {
	ws := make([]string, n)
	for i := range ws {
		ws[i] = pick(r)
	}
	return cap1(strings.Join(ws, " ")) + "."
}

func cap1(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
