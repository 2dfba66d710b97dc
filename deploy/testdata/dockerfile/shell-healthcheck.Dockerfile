# distroless has no shell and no curl: this health check could never pass.
# want: HEALTHCHECK CMD must be exec form
FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/explainbot ./cmd/explainbot

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/explainbot /explainbot
ENV DATA_DIR=/data
VOLUME ["/data"]
USER 65532:65532
EXPOSE 8080
HEALTHCHECK CMD curl -fsS http://127.0.0.1:8080/healthz || exit 1
ENTRYPOINT ["/explainbot"]
CMD ["serve"]
