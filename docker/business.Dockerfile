# The demo business services (and the registry sync agent) as one image for the kind
# target: it runs dist/business/main.js (or dist/registry/sync-main.js) with the JSON
# config the target mounts. Built from the repository root:
#   docker build -f docker/business.Dockerfile -t region-lab/business:<version> .
# then loaded into the clusters with `kind load docker-image` (never pushed or pulled).

# build: compile the TypeScript with the pinned toolchain from package-lock.json
FROM node:20-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error
COPY tsconfig.json ./
COPY src ./src
RUN npx tsc -p tsconfig.json

# run: production dependencies and the compiled output only
FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund --loglevel=error && npm cache clean --force
COPY --from=build /src/dist ./dist
# the kind manifests start it through `sh -c` to put the node IP into the config first
USER node
CMD ["node", "dist/business/main.js", "/etc/region-lab/config.json"]
