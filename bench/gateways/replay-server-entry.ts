// Recorded subgraph responses for `npm run bench -- gateways`: at first a recording proxy in front of the real subgraphs
// (POST /<subgraph>/graphql), then, after POST /replay, a server that answers each request it has seen with the body
// recorded for it, so a gateway can be measured alone. A request never recorded is answered 502, which the bench counts.
// GET /recordings lists the requests recorded (bench/gateway-profile.ts sends them to the subgraphs directly).
import http from 'node:http';
import { targetsFromEnv } from './supergraph-routing.js';

const { port, targets } = targetsFromEnv();
const recorded = new Map<string, string>();
let replaying = false;
let misses = 0;

async function forward(subgraph: string, headers: http.IncomingHttpHeaders, body: string): Promise<{ status: number; text: string }> {
  const forwarded = Object.fromEntries(Object.entries(headers).filter(([name]) => name === 'content-type' || name.startsWith('x-studbook-'))) as Record<string, string>;
  // Only while recording, before anything is measured: global fetch is good enough.
  const response = await fetch(targets[subgraph as keyof typeof targets], { method: 'POST', headers: forwarded, body });
  return { status: response.status, text: await response.text() };
}

http
  .createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    if (req.url === '/replay') return void res.end(JSON.stringify({ replaying: (replaying = true), recorded: recorded.size }));
    if (req.url === '/misses') return void res.end(JSON.stringify({ misses }));
    if (req.url === '/recordings')
      return void res.end(JSON.stringify([...recorded.keys()].map((key) => ({ subgraph: key.slice(0, key.indexOf('\n')), body: key.slice(key.indexOf('\n') + 1) }))));
    const subgraph = req.url!.split('/')[1];
    // Anything else (a gateway's readiness probe of /ready) is answered as a healthy subgraph would.
    if (!(subgraph in targets)) return void res.end('{"ready":true}');
    const key = `${subgraph}\n${body}`;
    const known = recorded.get(key);
    if (replaying) {
      if (known === undefined) misses++;
      return void res.writeHead(known === undefined ? 502 : 200, { 'content-type': 'application/json' }).end(known ?? '{"errors":[{"message":"not recorded"}]}');
    }
    const { status, text } = await forward(subgraph, req.headers, body);
    if (status === 200) recorded.set(key, text);
    res.writeHead(status, { 'content-type': 'application/json' }).end(text);
  })
  .listen(port, '127.0.0.1', () => console.log(`listening on ${port}`));
