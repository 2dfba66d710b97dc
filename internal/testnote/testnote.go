// Package testnote holds the teacher's note that tests of reloading and of
// live answering add to the built-in article: one section the article does
// not cover, so a question about it is answered only once the note is in.
package testnote

// Prompting is a Markdown note with front matter and one section, on chain
// of thought prompting.
const Prompting = `---
title: Prompting notes
source: Ms Rivera's class
---

## Chain of Thought Prompting

Chain of thought prompting asks the model to reason step by step before it answers.
`
