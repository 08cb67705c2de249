# The Shelfstream app for docker-compose.yml. Node 20 as in development; node-rdkafka compiles here.
FROM node:20-bookworm
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ libssl-dev libsasl2-dev \
    && rm -rf /var/lib/apt/lists/*
# patches/: kafkajs' producer fixes, applied by postinstall.
COPY package.json package-lock.json ./
COPY patches ./patches
RUN npm ci --omit=dev
COPY . .
# A larger young generation: fewer collections of short-lived records (BENCHMARKS.md, pipeline throughput).
ENV NODE_OPTIONS=--max-semi-space-size=64
ENTRYPOINT ["node", "bin/shelfstream.js"]
CMD ["run"]
