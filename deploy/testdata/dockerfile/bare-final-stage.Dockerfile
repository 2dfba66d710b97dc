# Runs as root with no health check, no volume and no published port.
# want: the final stage sets no USER
# want: no HEALTHCHECK
# want: VOLUME /data missing
# want: EXPOSE 8080 missing
# want: CMD must be ["serve"]
FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/explainbot ./cmd/explainbot

FROM scratch
COPY --from=build /out/explainbot /explainbot
ENV DATA_DIR=/data
ENTRYPOINT ["/explainbot"]
CMD ["run"]
