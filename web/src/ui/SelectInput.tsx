import { Button, FieldError, Label, ListBox, ListBoxItem, Popover, Select, SelectValue } from 'react-aria-components';

export interface Option {
  id: string;
  label: string;
}

interface SelectInputProps {
  label: string;
  options: readonly Option[];
  value: string;
  onChange: (value: string) => void;
  error?: string;
}

/** A labelled single choice (React Aria's Select: a button and a listbox, keyboard and screen-reader ready). */
export function SelectInput({ label, options, value, onChange, error }: SelectInputProps) {
  return (
    <Select className="field" selectedKey={value} onSelectionChange={(key) => onChange(String(key))} isInvalid={error !== undefined} validationBehavior="aria">
      <Label>{label}</Label>
      <Button className="select-button">
        <SelectValue />
        <span aria-hidden="true">▾</span>
      </Button>
      <FieldError>{error}</FieldError>
      <Popover className="popover">
        <ListBox className="listbox">
          {options.map((option) => (
            <ListBoxItem key={option.id} id={option.id} className="listbox-item">
              {option.label}
            </ListBoxItem>
          ))}
        </ListBox>
      </Popover>
    </Select>
  );
}
