# syntax=docker/dockerfile:1
# One build, one target per deployable: docker build --target gateway|animal|commerce|research|user|migrate .
# The build stage compiles TypeScript to dist/ (npm run build); the runtime stages carry that JavaScript and
# the production packages only (npm ci --omit=dev: no tsx, no embedded PostgreSQL, no test or lint tools),
# run as the unprivileged node user, and start node itself as PID 1, which stops cleanly on SIGTERM
# (packages/platform/src/process/stop-on-signals.ts). npm start's embedded all-in-one is not in any image.
ARG NODE_IMAGE=node:24-slim

FROM ${NODE_IMAGE} AS manifests
WORKDIR /app
# Every workspace's package.json, or npm ci finds the lock file out of date.
COPY package.json package-lock.json ./
COPY packages/platform/package.json packages/platform/
COPY packages/contracts/package.json packages/contracts/
COPY drizzle/package.json drizzle/
COPY subgraphs/animal/package.json subgraphs/animal/
COPY subgraphs/commerce/package.json subgraphs/commerce/
COPY subgraphs/research/package.json subgraphs/research/
COPY subgraphs/user/package.json subgraphs/user/
COPY gateway/package.json gateway/
COPY embedded/package.json embedded/
COPY web/package.json web/

FROM manifests AS build
RUN npm ci --no-audit --no-fund
COPY . .
# The web app first: npm run build starts dist/ afresh and copies web/dist into it, which the gateway serves at /.
RUN npm run build:web && npm run build

FROM manifests AS production-packages
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production HOST=0.0.0.0
WORKDIR /app
COPY --from=production-packages /app/node_modules ./node_modules
# dist/ brings the compiled code, the SDL and SQL it reads, and package.json files whose exports name .js.
COPY --from=build /app/dist ./
USER node
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+process.env.PORT+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]

FROM runtime AS migrate
# A one-off job with the superuser URL (POSTGRES_URL): creates the service databases and the RLS-bound role.
HEALTHCHECK NONE
CMD ["node", "scripts/migrate.js"]

FROM runtime AS animal
ENV PORT=4001
EXPOSE 4001
CMD ["node", "subgraphs/animal/src/index.js"]

FROM runtime AS commerce
ENV PORT=4002
EXPOSE 4002
CMD ["node", "subgraphs/commerce/src/index.js"]

FROM runtime AS research
ENV PORT=4003
EXPOSE 4003
CMD ["node", "subgraphs/research/src/index.js"]

FROM runtime AS user
ENV PORT=4004
EXPOSE 4004
CMD ["node", "subgraphs/user/src/index.js"]

# Last, so a plain `docker build .` gives the gateway.
FROM runtime AS gateway
ENV PORT=4000
EXPOSE 4000
CMD ["node", "gateway/src/index.js"]
