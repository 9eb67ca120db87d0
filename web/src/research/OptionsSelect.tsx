import { type Option, SelectInput } from '../ui/SelectInput';

interface OptionsSelectProps {
  label: string;
  options: readonly Option[];
  value: string;
  onChange: (value: string) => void;
  error?: string;
  /** What stands in the select's place while it has nothing to offer, e.g. "choose a species first". */
  emptyText: string;
}

/**
 * A select whose options come from a query or an earlier choice: until there are options it is a line of
 * text saying why, rather than a list that opens empty (and that a quick click could open before the data).
 */
export function OptionsSelect({ emptyText, ...select }: OptionsSelectProps) {
  if (select.options.length === 0) {
    return (
      <p className="field muted">
        {select.label}: {emptyText}
      </p>
    );
  }
  return <SelectInput {...select} />;
}
