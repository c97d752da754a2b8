# expect: runs as root (USER 0:0)
FROM debian:12.11-slim AS build
COPY . /src
RUN /src/tools/install-deps.sh && meson setup /build /src && ninja -C /build \
    && meson install -C /build --destdir /staging

FROM debian:12.11-slim
COPY --from=build /staging/ /
USER 0:0
HEALTHCHECK CMD ["anpr-service", "--check-health"]
