# lambdad in a container: built on Debian 12 like scripts/run, run on a slim image.
#
#   docker build -t lambdad .
#   docker run --rm -p 3000:3000 -p 3001:3001 -v lambdad-data:/data lambdad

FROM debian:bookworm AS build
WORKDIR /src
# The install script alone first, so that the package layer is reused when only sources change.
COPY scripts/lib/install-deps scripts/lib/install-deps
RUN scripts/lib/install-deps && rm -rf /var/lib/apt/lists/*
COPY . .
# The same commands as scripts/run.
RUN cmake -S . -B build -DCMAKE_BUILD_TYPE=Release \
    && cmake --build build --target lambdad -j2

FROM debian:bookworm-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libboost-json1.81.0 libboost-url1.81.0 libsimdjson14 libspdlog1.10 libfmt9 \
        libsqlite3-0 libyaml-cpp0.7 libssl3 curl \
    && rm -rf /var/lib/apt/lists/*
RUN useradd --system --home-dir /data --shell /usr/sbin/nologin lambdad \
    && mkdir -p /data \
    && chown lambdad:lambdad /data
COPY --from=build /src/build/src/lambdad /usr/local/bin/lambdad
USER lambdad
WORKDIR /data
VOLUME /data
EXPOSE 3000 3001
# The check calls the Users service of the default configuration; a configuration without
# GET /users needs its own --health-cmd.
HEALTHCHECK --interval=30s --timeout=3s --start-period=5s --retries=3 \
    CMD curl -fsS -o /dev/null http://127.0.0.1:3000/users || exit 1
ENTRYPOINT ["lambdad"]
CMD ["serve", "--host", "0.0.0.0", "--port", "3000", "--aws-port", "3001", "--data-dir", "/data"]
