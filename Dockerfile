# syntax=docker/dockerfile:1
#
# cognitolint's image, built from this checkout:
#
#   docker build -t cognitolint .
#   docker run --rm -v "$PWD:/src" cognitolint clients/
#
# A static binary (CGO_ENABLED=0) on distroless static: no shell, no
# package manager, CA certificates and /etc/passwd only; it runs as the
# image's nonroot user (65532). Mount the files to lint at /src, the working
# directory, so that findings name them as in the checkout. --fix writes
# the files: run as their owner then (--user "$(id -u):$(id -g)").
# internal/release's test checks these properties; releases build the same
# image from GoReleaser's binaries (.goreleaser.Dockerfile).

ARG GO_VERSION=1.26

FROM golang:${GO_VERSION} AS build
WORKDIR /build
# Modules first: a change in the source does not download them again.
COPY go.mod go.sum ./
RUN go mod download
COPY . .
# The version comes from the build info (`cognitolint version`): with .git
# in the context, go build stamps the tag or pseudo-version and revision.
RUN CGO_ENABLED=0 go build -trimpath -buildvcs=true -ldflags="-s -w" -o /out/cognitolint ./cmd/cognitolint \
 && /out/cognitolint version

FROM gcr.io/distroless/static:nonroot
COPY --from=build /out/cognitolint /usr/local/bin/cognitolint
WORKDIR /src
USER 65532:65532
ENTRYPOINT ["cognitolint"]
