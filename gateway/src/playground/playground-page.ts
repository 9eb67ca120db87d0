/** The example tabs a first-time visitor sees; the token comes from the signIn tab. */
export const PLAYGROUND_TABS = [
  {
    query: `# 1. Sign in; copy the token into the Headers tab below as
#    { "Authorization": "Bearer <token>" }
mutation SignIn {
  signIn(email: "demo@studbook.dev", password: "studbook-demo") {
    token
    user { name organization { name } }
  }
}
`,
  },
  {
    query: `# An animal's pedigree, three generations back, with its inbreeding.
query Pedigree {
  animals(first: 1, filter: { mine: true }) {
    edges {
      node {
        name
        inbreedingCoefficient
        pedigree(generations: 3) {
          completeness
          nodes { position generation animal { name sex } }
        }
      }
    }
  }
}
`,
  },
  {
    query: `# What an offspring of this pair would look like: its inbreeding and the ancestors it comes from.
query PairingPreview($sireId: ID!, $damId: ID!) {
  pairingPreview(sireId: $sireId, damId: $damId) {
    coefficientOfInbreeding
    commonAncestors { contribution animal { name } }
  }
}
`,
    variables: `{ "sireId": "", "damId": "" }`,
  },
  {
    query: `# Follow a breeding session live (graphql-ws); record events from another tab with
#   mutation { recordBreedingEvent(input: { sessionId: "...", type: NOTE, notes: "Candled: 7 of 8 veined" }) { id } }
subscription LiveBreedingSession($sessionId: ID!) {
  breedingSessionEvents(sessionId: $sessionId) {
    cursor
    type
    occurredAt
    notes
    session {
      status
      sire { name }
      dam { name inbreedingCoefficient measurements { trait value } owner { name } }
    }
  }
}
`,
    variables: `{ "sessionId": "" }`,
  },
];

const escapeJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

/** The HTML shell; GraphiQL, React and graphql-ws are loaded from this gateway. */
export function playgroundHtml(options: { graphqlPath: string; assetBase: string; headers: string }): string {
  const config = { path: options.graphqlPath, tabs: PLAYGROUND_TABS.map((tab) => ({ ...tab, headers: options.headers })) };
  const asset = (name: string) => `${options.assetBase}/${name}`;
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Studbook GraphQL playground</title>
  <link rel="stylesheet" href="${asset('graphiql.css')}">
  <style>html, body, #graphiql { height: 100%; margin: 0; }</style>
</head>
<body>
  <div id="graphiql">Loading the playground…</div>
  <script type="application/json" id="studbook-playground-config">${escapeJson(config)}</script>
  <script src="${asset('react.js')}"></script>
  <script src="${asset('react-dom.js')}"></script>
  <script src="${asset('graphql-ws.js')}"></script>
  <script src="${asset('graphiql.js')}"></script>
  <script src="${asset('studbook-playground.js')}"></script>
</body>
</html>
`;
}
