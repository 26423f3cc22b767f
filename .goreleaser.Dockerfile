# The release image (.goreleaser.yaml, dockers_v2): GoReleaser's static
# binary for each platform on the base, user, working directory and
# entrypoint of the Dockerfile.
FROM gcr.io/distroless/static:nonroot
ARG TARGETPLATFORM
COPY $TARGETPLATFORM/cognitolint /usr/local/bin/cognitolint
WORKDIR /src
USER 65532:65532
ENTRYPOINT ["cognitolint"]
