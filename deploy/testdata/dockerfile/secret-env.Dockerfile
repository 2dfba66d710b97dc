# A token in ENV lives in every layer and every pull; and a variable nobody reads.
# want: ENV DISCORD_TOKEN bakes a secret into the image
# want: environment variable DATADIR is not in config.Names()
# want: ENV DATA_DIR must be the /data volume
FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/explainbot ./cmd/explainbot

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/explainbot /explainbot
ENV DISCORD_TOKEN=REPLACE_WITH_BOT_TOKEN DATADIR=/data
VOLUME ["/data"]
USER 65532:65532
EXPOSE 8080
HEALTHCHECK CMD ["/explainbot", "healthcheck"]
ENTRYPOINT ["/explainbot"]
CMD ["serve"]
