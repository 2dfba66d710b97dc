# Kubernetes cannot verify runAsNonRoot for a user name.
# want: USER nonroot must be a numeric non-root UID
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
USER nonroot
EXPOSE 8080
HEALTHCHECK CMD ["/explainbot", "healthcheck"]
ENTRYPOINT ["/explainbot"]
CMD ["serve"]
