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
  return (
    <div className="pedigree-scroll">
      <svg
        className="pedigree"
        width={layout.width}
        height={layout.height}
        viewBox={`0 0 ${layout.width} ${layout.height}`}
        role="img"
        aria-label={`Pedigree of ${subject.name}, ${generations} generations`}
      >
        {layout.boxes.map((box) => {
          const child = box.childPosition === undefined ? undefined : byPosition.get(box.childPosition);
          if (!child) return null;
          return <path key={`line-${box.position}`} className="pedigree-line" d={`M${child.x + layout.boxWidth} ${child.y} H${box.x - 10} V${box.y} H${box.x}`} />;
        })}
        {layout.boxes.map((box) => {
          const label = box.redacted ? 'Unknown or private' : box.name;
          const open = () => box.animalId && box.animalId !== subject.id && navigate(`/animals/${box.animalId}`);
          return (
            <g
              key={`box-${box.position}`}
              className={`pedigree-box${box.redacted ? ' redacted' : ''}${box.position === '' ? ' subject' : ''}`}
              transform={`translate(${box.x} ${box.y - half})`}
              {...(box.animalId && box.position !== ''
                ? {
                    role: 'link',
                    tabIndex: 0,
                    'aria-label': `${box.position.startsWith('S') ? 'Sire line' : 'Dam line'} ${box.position}: ${box.name}`,
                    onClick: open,
                    onKeyDown: (event: React.KeyboardEvent) => event.key === 'Enter' && open(),
                  }
                : { 'aria-label': box.position ? `${box.position}: ${label}` : subject.name })}
            >
              <title>{box.position ? `${box.position}: ${label}` : subject.name}</title>
              <rect width={layout.boxWidth} height={layout.boxHeight} rx={4} />
              <text x={8} y={layout.boxHeight / 2} dominantBaseline="central">
                {label.length > 22 ? `${label.slice(0, 21)}…` : label}
              </text>
            </g>
          );
        })}
      </svg>
    </div>
  );
}
