# cgo on, a dynamic binary that static-debian12 cannot run; and every source
# edit re-downloads all modules.
# want: go build lacks CGO_ENABLED=0
# want: then RUN go mod download, then COPY . . (layer caching)
# want: go build builds ./cmd/explainbotd, which is not a directory
FROM golang:1.26 AS build
WORKDIR /src
COPY . .
RUN go mod download
RUN go build -trimpath -ldflags="-s -w" \
      -o /out/explainbot ./cmd/explainbotd

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/explainbot /explainbot
ENV DATA_DIR=/data
VOLUME ["/data"]
USER 65532:65532
EXPOSE 8080
HEALTHCHECK CMD ["/explainbot", "healthcheck"]
ENTRYPOINT ["/explainbot"]
CMD ["serve"]
