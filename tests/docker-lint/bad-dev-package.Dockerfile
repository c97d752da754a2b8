# expect: installs libopencv-dev
FROM debian:12.11-slim AS build
COPY . /src
RUN /src/tools/install-deps.sh && meson setup /build /src && ninja -C /build \
    && meson install -C /build --destdir /staging

FROM debian:12.11-slim
RUN apt-get update && apt-get install -y libopencv-dev
COPY --from=build /staging/ /
USER anpr
HEALTHCHECK CMD ["anpr-service", "--check-health"]
