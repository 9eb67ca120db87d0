# One image for every Studbook deployable; docker-compose.yml picks the workspace to start.
FROM node:24-slim
WORKDIR /app
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
RUN npm ci --no-audit --no-fund
COPY . .
ENV NODE_ENV=production
CMD ["npm", "start"]
