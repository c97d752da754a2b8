# expect: lists libopencv-dev
FROM debian:12.11-slim AS build
COPY . /src
RUN /src/tools/install-deps.sh && meson setup /build /src && ninja -C /build \
    && meson install -C /build --destdir /staging

FROM debian:12.11-slim
COPY tools/debian-packages.txt tools/install-deps.sh /tmp/deps/
RUN /tmp/deps/install-deps.sh --runtime && rm -rf /var/lib/apt/lists/*
COPY --from=build /staging/ /
USER anpr
HEALTHCHECK CMD ["anpr-service", "--check-health"]
