# A full OS image, and a binary that is never copied to where ENTRYPOINT looks.
# want: the final stage must be distroless static nonroot or scratch, got debian:12
# want: ENTRYPOINT /usr/local/bin/explainbot is not copied into the final stage
FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/explainbot ./cmd/explainbot

FROM debian:12
COPY --from=build /out/explainbot /explainbot
ENV DATA_DIR=/data
VOLUME ["/data"]
USER 65532:65532
EXPOSE 8080
HEALTHCHECK CMD ["/usr/local/bin/explainbot", "healthcheck"]
ENTRYPOINT ["/usr/local/bin/explainbot"]
CMD ["serve"]
