# The Go toolchain would ship with the bot.
# want: want a multi-stage build
FROM golang:1.26
WORKDIR /src
COPY . .
RUN go build -o /explainbot ./cmd/explainbot
ENTRYPOINT ["/explainbot"]
