import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import type { CertificateFacts } from './certificate-facts.js';

export interface CertificatePrint {
  id: string;
  issuedAt: Date;
  verificationUrl: string;
  facts: CertificateFacts;
  /** The owning organisation's name; null where it could not be asked (its id is printed instead). */
  ownerName: string | null;
}

const CHART_GENERATIONS = 4;
const MARGIN = 36;
/** Where the chart starts, below the header. */
const CHART_TOP = 150;
/** Room kept at the foot of every page for its footer. */
const FOOTER = 14;

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
    // Kept until the end, so each page's footer can say how many there are.
    bufferPages: true,
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
  footers(doc, print);
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
  doc.text(`Owner: ${print.ownerName ?? `organisation ${print.facts.ownerOrganizationId}`}`);
  doc.text(`Issued ${print.issuedAt.toISOString().slice(0, 10)}   Certificate ${print.id}`);
  doc.image(qr, width - MARGIN - 90, MARGIN, { width: 90 });
  doc.fontSize(7).text('Verify this certificate:', width - MARGIN - 160, MARGIN + 94, { width: 160, align: 'right' });
  doc.text(print.verificationUrl, width - MARGIN - 220, MARGIN + 104, { width: 220, align: 'right' });
}

/**
 * Columns by generation, joined by brackets; each position's box sits in the middle of the rows its
 * ancestors take. Position, name and genotype are three lines of their own (never overprinted:
 * the fourth generation's 16 rows leave each box about 24 pt).
 */
function chart(doc: PDFKit.PDFDocument, facts: CertificateFacts) {
  const generations = Math.min(facts.generations, CHART_GENERATIONS);
  const top = CHART_TOP;
  const height = doc.page.height - MARGIN - FOOTER - top;
  const columnWidth = (doc.page.width - 2 * MARGIN) / generations;
  const byPosition = new Map(facts.ancestors.map((a) => [a.position, a]));
  const middleOf = (generation: number, index: number) => top + (index + 0.5) * (height / 2 ** generation);
  for (let generation = 1; generation <= generations; generation++) {
    const slots = 2 ** generation;
    const x = MARGIN + (generation - 1) * columnWidth;
    const textWidth = columnWidth - 14;
    for (let index = 0; index < slots; index++) {
      const position = positionOf(generation, index);
      const ancestor = byPosition.get(position);
      const middle = middleOf(generation, index);
      const small = generation > 3;
      doc
        .font('Helvetica')
        .fontSize(small ? 5.5 : 6.5)
        .fillColor('#666')
        .text(position, x, middle - (small ? 9.5 : 11), { width: textWidth, lineBreak: false });
      doc
        .font(ancestor?.name ? 'Helvetica-Bold' : 'Helvetica-Oblique')
        .fontSize(small ? 7 : 9)
        .fillColor(ancestor?.name ? '#000' : '#666')
        .text(ancestor?.name ?? 'unknown', x, middle - (small ? 3.5 : 3), { width: textWidth, lineBreak: false, ellipsis: true });
      if (ancestor?.genotype)
        doc
          .font('Helvetica')
          .fontSize(small ? 5.5 : 6.5)
          .fillColor('#333')
          .text(ancestor.genotype, x, middle + (small ? 4 : 7), { width: textWidth, lineBreak: false, ellipsis: true });
      // The bracket to this position's parents in the next column.
      if (generation < generations) {
        const bracketX = x + columnWidth - 6;
        const [sire, dam] = [middleOf(generation + 1, 2 * index), middleOf(generation + 1, 2 * index + 1)];
        doc
          .strokeColor('#999')
          .lineWidth(0.5)
          .moveTo(bracketX - 4, middle)
          .lineTo(bracketX, middle)
          .moveTo(bracketX, sire)
          .lineTo(bracketX, dam)
          .moveTo(bracketX, sire)
          .lineTo(bracketX + 4, sire)
          .moveTo(bracketX, dam)
          .lineTo(bracketX + 4, dam)
          .stroke();
      }
    }
  }
  doc.fillColor('#000');
}

/** S for sire, D for dam, from the animal outwards: index 0 of generation 3 is SSS. */
function positionOf(generation: number, index: number): string {
  return [...index.toString(2).padStart(generation, '0')].map((bit) => (bit === '0' ? 'S' : 'D')).join('');
}

/**
 * Generations past the chart, as a list: a heading per generation, then one line per known
 * ancestor (position in a fixed-width font so positions line up, the name, its genotype in grey),
 * cut with an ellipsis rather than wrapped, in three columns per page.
 */
function deeperGenerations(doc: PDFKit.PDFDocument, facts: CertificateFacts) {
  doc.addPage({ size: 'A4', layout: 'landscape', margin: MARGIN });
  doc
    .font('Helvetica-Bold')
    .fontSize(12)
    .text(`Generations ${CHART_GENERATIONS + 1} to ${facts.generations}`, MARGIN, MARGIN);
  doc.font('Helvetica').fontSize(7.5).text('Known ancestors by position (S sire, D dam, read from the animal outwards); positions not listed are unknown or not shown.');
  const columns = 3;
  const gap = 14;
  const columnWidth = (doc.page.width - 2 * MARGIN - (columns - 1) * gap) / columns;
  const positionWidth = 6 + facts.generations * 4.3;
  const lineHeight = 9.5;
  const bottom = doc.page.height - MARGIN - FOOTER;
  let top = doc.y + 8;
  let column = 0;
  let y = top;
  const nextLine = (height: number) => {
    if (y + height <= bottom) return;
    column++;
    if (column === columns) {
      doc.addPage({ size: 'A4', layout: 'landscape', margin: MARGIN });
      top = MARGIN;
      column = 0;
    }
    y = top;
  };
  for (let generation = CHART_GENERATIONS + 1; generation <= facts.generations; generation++) {
    const known = facts.ancestors.filter((a) => a.generation === generation && a.name);
    nextLine(lineHeight * 3);
    const x = () => MARGIN + column * (columnWidth + gap);
    doc
      .font('Helvetica-Bold')
      .fontSize(8.5)
      .fillColor('#000')
      .text(`Generation ${generation}: ${known.length} of ${2 ** generation} known`, x(), y + 3, { width: columnWidth, lineBreak: false });
    y += lineHeight * 1.6;
    for (const ancestor of known) {
      nextLine(lineHeight);
      doc
        .font('Courier')
        .fontSize(6.5)
        .fillColor('#555')
        .text(ancestor.position, x(), y + 0.8, { width: positionWidth, lineBreak: false });
      const nameX = x() + positionWidth;
      const room = columnWidth - positionWidth;
      doc.font('Helvetica-Bold').fontSize(7).fillColor('#000');
      const nameWidth = Math.min(doc.widthOfString(ancestor.name!), room);
      doc.text(ancestor.name!, nameX, y, { width: room, lineBreak: false, ellipsis: true });
      // The genotype in what the name leaves of the line, cut rather than wrapped onto the next.
      const genotypeRoom = room - nameWidth - 5;
      if (ancestor.genotype && genotypeRoom > 24)
        doc
          .font('Helvetica')
          .fillColor('#555')
          .text(ancestor.genotype, nameX + nameWidth + 5, y, { width: genotypeRoom, height: lineHeight, lineBreak: false, ellipsis: true });
      y += lineHeight;
    }
    y += lineHeight * 0.6;
  }
  doc.fillColor('#000');
}

/** On every page: which certificate and animal it belongs to, and page n of N, so loose pages stay together. */
function footers(doc: PDFKit.PDFDocument, print: CertificatePrint) {
  const { start, count } = doc.bufferedPageRange();
  for (let page = start; page < start + count; page++) {
    doc.switchToPage(page);
    // Inside the bottom margin: without this pdfkit would start a page for the footer.
    doc.page.margins.bottom = 0;
    const y = doc.page.height - MARGIN - FOOTER + 6;
    doc
      .font('Helvetica')
      .fontSize(6.5)
      .fillColor('#666')
      .text(`Pedigree certificate ${print.id}: ${print.facts.subject.name}. Page ${page - start + 1} of ${count}.`, MARGIN, y, {
        width: doc.page.width - 2 * MARGIN,
        align: 'center',
        lineBreak: false,
      });
  }
}
