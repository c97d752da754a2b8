# expect: `latest` is not a pinned version
FROM debian:12.11-slim AS build
COPY . /src
RUN /src/tools/install-deps.sh && meson setup /build /src && ninja -C /build \
    && meson install -C /build --destdir /staging

FROM debian:latest
COPY --from=build /staging/ /
USER anpr
HEALTHCHECK CMD ["anpr-service", "--check-health"]
