import { useNavigate } from 'react-router';
import { layoutPedigree, type PedigreeEntry } from './pedigree-layout';

interface PedigreeChartProps {
  subject: { id: string; name: string };
  entries: readonly PedigreeEntry[];
  generations: number;
}

/** The pedigree as an SVG tree; known ancestors are links, unknown or private ones dashed and unnamed. */
export function PedigreeChart({ subject, entries, generations }: PedigreeChartProps) {
  const navigate = useNavigate();
  const layout = layoutPedigree(subject, entries, generations);
  const byPosition = new Map(layout.boxes.map((box) => [box.position, box]));
  const half = layout.boxHeight / 2;
  // Focusable: on a narrow screen the chart scrolls sideways, and keyboard users must be able to scroll it too.
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region is reached by keyboard (WCAG 2.1.1, axe scrollable-region-focusable)
    <figure className="pedigree-scroll" tabIndex={0} aria-label={`Pedigree of ${subject.name}, ${generations} generations`}>
      <svg className="pedigree" width={layout.width} height={layout.height} viewBox={`0 0 ${layout.width} ${layout.height}`}>
        <title>{`Pedigree of ${subject.name}`}</title>
        {layout.boxes.map((box) => {
          const child = box.childPosition === undefined ? undefined : byPosition.get(box.childPosition);
          if (!child) return null;
          return <path key={`line-${box.position}`} className="pedigree-line" d={`M${child.x + layout.boxWidth} ${child.y} H${box.x - 10} V${box.y} H${box.x}`} />;
        })}
        {layout.boxes.map((box) => {
          const label = box.redacted ? 'Unknown or private' : box.name;
          const description = box.position ? `${box.position.startsWith('S') ? 'Sire line' : 'Dam line'} ${box.position}: ${label}` : subject.name;
          const drawn = (
            <g className={`pedigree-box${box.redacted ? ' redacted' : ''}${box.position === '' ? ' subject' : ''}`} transform={`translate(${box.x} ${box.y - half})`}>
              <title>{description}</title>
              <rect width={layout.boxWidth} height={layout.boxHeight} rx={4} />
              <text x={8} y={layout.boxHeight / 2} dominantBaseline="central">
                {label.length > 22 ? `${label.slice(0, 21)}…` : label}
              </text>
            </g>
          );
          if (!box.animalId || box.position === '') return <g key={`box-${box.position}`}>{drawn}</g>;
          const href = `/animals/${box.animalId}`;
          return (
            // A real link (keyboard, middle-click, screen readers); the router takes a plain click.
            <a
              key={`box-${box.position}`}
              href={href}
              aria-label={description}
              onClick={(event) => {
                if (event.metaKey || event.ctrlKey || event.shiftKey) return;
                event.preventDefault();
                navigate(href);
              }}
            >
              {drawn}
            </a>
          );
        })}
      </svg>
    </figure>
  );
}
