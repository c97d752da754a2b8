# expect: copies the whole source tree
FROM debian:12.11-slim AS build
COPY . /src
RUN /src/tools/install-deps.sh && meson setup /build /src && ninja -C /build \
    && meson install -C /build --destdir /staging

FROM debian:12.11-slim
COPY --from=build /staging/ /
COPY . /src
USER anpr
HEALTHCHECK CMD ["anpr-service", "--check-health"]
