import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import type { CertificateFacts } from './certificate-facts.js';

export interface CertificatePrint {
  id: string;
  issuedAt: Date;
  verificationUrl: string;
  facts: CertificateFacts;
}

const CHART_GENERATIONS = 4;
const MARGIN = 40;

/**
 * An A4 landscape certificate: the animal, its F and completeness, the owner and the date, a QR
 * code to the verification page, and a bracket chart of up to four generations; deeper
 * generations follow as a list by position. Standard PDF fonts, so the text extracts as written.
 */
export async function renderCertificatePdf(print: CertificatePrint): Promise<Buffer> {
  const qr = await QRCode.toBuffer(print.verificationUrl, { errorCorrectionLevel: 'M', margin: 1, width: 240 });
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: MARGIN,
    info: { Title: `Pedigree certificate: ${print.facts.subject.name}`, Producer: 'Studbook' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  header(doc, print, qr);
  chart(doc, print.facts);
  if (print.facts.generations > CHART_GENERATIONS) deeperGenerations(doc, print.facts);
  doc.end();
  return done;
}

function header(doc: PDFKit.PDFDocument, print: CertificatePrint, qr: Buffer) {
  const { subject } = print.facts;
  const width = doc.page.width;
  doc.font('Helvetica-Bold').fontSize(20).text('Certificate of Pedigree', MARGIN, MARGIN);
  doc.font('Helvetica-Bold').fontSize(14).text(subject.name);
  doc.font('Helvetica').fontSize(10);
  doc.text(`${subject.species}, ${subject.sex.toLowerCase()}${subject.hatchDate ? `, hatched ${subject.hatchDate}` : ''}`);
  if (subject.genotype) doc.text(`Genotype: ${subject.genotype}`);
  doc.text(
    `Inbreeding coefficient F = ${print.facts.inbreedingCoefficient.toFixed(4)}   Pedigree completeness (${print.facts.generations} generations) = ${(print.facts.completeness * 100).toFixed(1)}%`,
  );
  doc.text(`Owner organisation: ${print.facts.ownerOrganizationId}`);
  doc.text(`Issued ${print.issuedAt.toISOString().slice(0, 10)}   Certificate ${print.id}`);
  doc.image(qr, width - MARGIN - 90, MARGIN, { width: 90 });
  doc.fontSize(7).text('Verify this certificate:', width - MARGIN - 160, MARGIN + 94, { width: 160, align: 'right' });
  doc.text(print.verificationUrl, width - MARGIN - 220, MARGIN + 104, { width: 220, align: 'right' });
}

/** Columns by generation; each position's box sits in the middle of the rows its ancestors take. */
function chart(doc: PDFKit.PDFDocument, facts: CertificateFacts) {
  const generations = Math.min(facts.generations, CHART_GENERATIONS);
  const top = 170;
  const height = doc.page.height - MARGIN - top;
  const columnWidth = (doc.page.width - 2 * MARGIN) / generations;
  const byPosition = new Map(facts.ancestors.map((a) => [a.position, a]));
  for (let generation = 1; generation <= generations; generation++) {
    const slots = 2 ** generation;
    const rowHeight = height / slots;
    for (let index = 0; index < slots; index++) {
      const position = [...index.toString(2).padStart(generation, '0')].map((bit) => (bit === '0' ? 'S' : 'D')).join('');
      const ancestor = byPosition.get(position);
      const x = MARGIN + (generation - 1) * columnWidth;
      const y = top + index * rowHeight + rowHeight / 2 - 9;
      doc
        .font('Helvetica')
        .fontSize(6)
        .fillColor('#666')
        .text(position, x, y - 7, { width: columnWidth - 8, lineBreak: false });
      doc
        .font(ancestor?.name ? 'Helvetica-Bold' : 'Helvetica-Oblique')
        .fontSize(generation > 3 ? 7 : 9)
        .fillColor('#000')
        .text(ancestor?.name ?? 'unknown', x, y, { width: columnWidth - 8, lineBreak: false, ellipsis: true });
      if (ancestor?.genotype)
        doc
          .font('Helvetica')
          .fontSize(6)
          .text(ancestor.genotype, x, y + 10, { width: columnWidth - 8, lineBreak: false, ellipsis: true });
    }
  }
}

function deeperGenerations(doc: PDFKit.PDFDocument, facts: CertificateFacts) {
  doc.addPage({ size: 'A4', layout: 'landscape', margin: MARGIN });
  doc
    .font('Helvetica-Bold')
    .fontSize(12)
    .text(`Generations ${CHART_GENERATIONS + 1} to ${facts.generations}`);
  doc.font('Helvetica').fontSize(7);
  const known = facts.ancestors.filter((a) => a.generation > CHART_GENERATIONS && a.name);
  doc.text(`${known.length} known ancestors; positions not listed are unknown or not shown.`);
  doc.moveDown(0.5);
  const lines = known.map((ancestor) => `${ancestor.position}  ${ancestor.name}${ancestor.genotype ? `  (${ancestor.genotype})` : ''}`);
  doc.text(lines.join('\n'), { columns: 3, columnGap: 12 });
}
