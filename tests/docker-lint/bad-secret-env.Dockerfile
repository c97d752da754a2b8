# expect: ENV ANPR_MQTT_PASSWORD holds a secret
FROM debian:12.11-slim AS build
COPY . /src
RUN /src/tools/install-deps.sh && meson setup /build /src && ninja -C /build \
    && meson install -C /build --destdir /staging

FROM debian:12.11-slim
COPY --from=build /staging/ /
ENV STATE_DIRECTORY=/var/lib/gst-anpr ANPR_MQTT_PASSWORD=hunter2
USER anpr
HEALTHCHECK CMD ["anpr-service", "--check-health"]
