import { readFileSync } from 'node:fs';

/** What an operator changes per installation; everything rendered into deploy/rendered/ follows from it. */
export const settings = {
  namespace: 'studbook',
  /** Images as the Dockerfile's targets build them: `docker build --target <name> -t studbook/<name>:<tag> .` */
  imageRepository: 'studbook',
  imageTag: (JSON.parse(readFileSync(new URL('../gateway/package.json', import.meta.url), 'utf8')) as { version: string }).version,
  /** Load balancers in front of the gateway whose X-Forwarded-For entry it believes (an ingress controller: 1). */
  trustedProxyHops: 1,
  dynamodbRegion: 'eu-west-1',
  dynamodbTable: 'studbook',
  databasePrefix: 'studbook',
  databaseAppRole: 'studbook_app',
  eventsNamespace: 'studbook',
  /** The media bucket (created at the animal subgraph's start when missing) and its region. */
  mediaBucket: 'studbook-media',
  mediaRegion: 'eu-west-1',
  /** The gateway's public address: pedigree certificates' QR codes point to its /verify page. */
  publicGatewayUrl: 'https://studbook.example.org',
} as const;

export const LABEL_PART_OF = 'studbook';

export function imageOf(target: string): string {
  return `${settings.imageRepository}/${target}:${settings.imageTag}`;
}
