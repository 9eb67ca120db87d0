import type { ApolloServer } from '@apollo/server';
import express, { type RequestHandler } from 'express';
import type { IdentitySigner } from '@studbook/platform';
import type { GatewayContext } from '../auth/caller.js';

// The same facts the certificate prints, read by an anonymous caller: the animal subgraph answers
// from the certificate's stored facts (redacted at issue) and recomputes them as the issuer.
const VERIFICATION = `query CertificateVerificationPage($id: ID!) {
  certificateVerification(id: $id) {
    id issuedAt generations unchanged contentHash ownerOrganizationId ownerName inbreedingCoefficient completeness
    subject { name species sex hatchDate genotype }
    ancestors { position generation name genotype }
  }
}`;

interface Verification {
  id: string;
  issuedAt: string;
  generations: number;
  unchanged: boolean;
  contentHash: string;
  ownerOrganizationId: string;
  ownerName: string | null;
  inbreedingCoefficient: number;
  completeness: number;
  subject: { name: string; species: string; sex: string; hatchDate: string | null; genotype: string | null };
  ancestors: { position: string; generation: number; name: string | null; genotype: string | null }[];
}

// No script, no outside resource: the page is text and one inline style sheet.
const CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** GET /verify/<certificate id>: the public page a certificate's QR code opens. */
export function certificateVerificationPage(apollo: ApolloServer<GatewayContext>, identitySigner: IdentitySigner): RequestHandler {
  const router = express.Router();
  router.get('/:id', async (req, res, next) => {
    try {
      res.set('content-security-policy', CSP).set('cache-control', 'no-store').type('html');
      if (!UUID.test(req.params.id)) return void res.status(404).send(page('Certificate not found', '<p>No certificate has this number.</p>'));
      const identity = { kind: 'anonymous' } as const;
      const response = await apollo.executeOperation(
        { query: VERIFICATION, variables: { id: req.params.id } },
        { contextValue: { identity, identityToken: await identitySigner.sign(identity) } },
      );
      const result = response.body.kind === 'single' ? response.body.singleResult : null;
      if (!result || result.errors?.length) return void res.status(502).send(page('Verification unavailable', '<p>Try again in a moment.</p>'));
      const verification = (result.data as { certificateVerification: Verification | null }).certificateVerification;
      if (!verification) return void res.status(404).send(page('Certificate not found', '<p>No certificate has this number.</p>'));
      res.send(page(`Pedigree certificate: ${verification.subject.name}`, body(verification)));
    } catch (error) {
      next(error);
    }
  });
  return router;
}

function body(v: Verification): string {
  const status = v.unchanged
    ? '<p class="ok">Valid: the record is unchanged since this certificate was issued.</p>'
    : '<p class="changed">Changed: the animal or its pedigree record has changed since this certificate was issued.</p>';
  const rows = v.ancestors
    .map(
      (a) =>
        `<tr><td>${escapeHtml(a.position)}</td><td>${a.generation}</td><td>${a.name ? escapeHtml(a.name) : '<em>unknown</em>'}</td><td>${escapeHtml(a.genotype ?? '')}</td></tr>`,
    )
    .join('');
  return `${status}
<dl>
<dt>Animal</dt><dd>${escapeHtml(v.subject.name)}, ${escapeHtml(v.subject.species)}, ${escapeHtml(v.subject.sex.toLowerCase())}${v.subject.hatchDate ? `, hatched ${escapeHtml(v.subject.hatchDate)}` : ''}</dd>
${v.subject.genotype ? `<dt>Genotype</dt><dd>${escapeHtml(v.subject.genotype)}</dd>` : ''}
<dt>Inbreeding coefficient F</dt><dd>${v.inbreedingCoefficient.toFixed(4)}</dd>
<dt>Pedigree completeness (${v.generations} generations)</dt><dd>${(v.completeness * 100).toFixed(1)}%</dd>
<dt>Owner</dt><dd>${v.ownerName ? escapeHtml(v.ownerName) : `organisation ${escapeHtml(v.ownerOrganizationId)}`}</dd>
<dt>Issued</dt><dd>${escapeHtml(v.issuedAt.slice(0, 10))} <small>(${escapeHtml(v.issuedAt)})</small></dd>
<dt>Certificate</dt><dd>${escapeHtml(v.id)}</dd>
<dt>Content hash (SHA-256)</dt><dd><code>${escapeHtml(v.contentHash)}</code></dd>
</dl>
<table><thead><tr><th>Position</th><th>Generation</th><th>Name</th><th>Genotype</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function page(title: string, content: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:56rem;margin:2rem auto;padding:0 1rem}.ok{color:#06612b;font-weight:600}.changed{color:#a30000;font-weight:600}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.2rem .5rem;text-align:left}dt{font-weight:600}dd{margin:0 0 .4rem}</style></head>
<body><h1>${escapeHtml(title)}</h1>${content}</body></html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
