# Exec form, but of a program the image lacks, on a path the binary does not serve.
# want: healthcheck must be exec form ["/explainbot", "healthcheck"]
# want: path "/health" is not served
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
HEALTHCHECK --interval=30s CMD ["/usr/bin/curl", "-f", "http://127.0.0.1:8080/health"]
ENTRYPOINT ["/explainbot"]
CMD ["serve"]
