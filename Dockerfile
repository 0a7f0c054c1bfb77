# Trellis in a container: Next.js's standalone build behind Trellis's server wrapper
# (server/server.mjs), which gives pages their script-hash CSP, ETag, Cache-Control and
# compression. docs/deployment.md says how to run it, alone or as several instances.
#
#   docker build -t trellis .
#   docker run -p 3000:3000 -v "$PWD/content:/srv/content:ro" -v trellis-store:/srv/store \
#     -e TRELLIS_SITE_URL=https://trellis.example/ trellis

# --- build: install, compile better-sqlite3, build the app -----------------------------
FROM node:20-slim AS build
# better-sqlite3 is compiled here, for this image's Node and C library, not downloaded.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
ENV NEXT_TELEMETRY_DISABLED=1 npm_config_build_from_source=true
WORKDIR /app
COPY package.json package-lock.json ./
# Not `npm ci`: see .ci/run (the lock file holds Linux builds of Next.js's SWC only).
RUN npm install --no-audit --no-fund
COPY . .
# The standalone folder holds Next.js's server and the node_modules it needs; the static
# files, public/ and our server wrapper are copied beside them.
RUN npx next build && node deploy/assemble-standalone.mjs

# --- run: the standalone folder and nothing else ---------------------------------------
FROM node:20-slim
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    PORT=3000 \
    TRELLIS_CONTENT_DIR=/srv/content \
    TRELLIS_STORE_DIR=/srv/store
WORKDIR /app
COPY --from=build --chown=node:node /app/.next/standalone ./
RUN mkdir -p /srv/content /srv/store && chown node:node /srv/store
USER node
# The content is the site's input (read only is enough); the store is what the server
# derives from it, kept across restarts and shared by instances on one machine.
VOLUME ["/srv/content", "/srv/store"]
EXPOSE 3000
# 32 MB semi-spaces: less CPU and less peak memory per page; `gc` for the start-up's builds
# to collect their garbage between steps (server/start.mjs says why).
CMD ["node", "--max-semi-space-size=32", "--expose-gc", "server/server.mjs", "--hostname", "0.0.0.0"]
