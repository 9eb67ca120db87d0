import { FieldError, Input, Label, Text, TextArea, TextField } from 'react-aria-components';

interface TextInputProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** The sentence for this field's error from the API (`extensions.field`), shown under it. */
  error?: string;
  description?: string;
  type?: 'text' | 'email' | 'password' | 'date' | 'search' | 'datetime-local' | 'number';
  isRequired?: boolean;
  multiline?: boolean;
  autoComplete?: string;
  name?: string;
}

/** A labelled text field (React Aria: label, description and error wired to the input for screen readers). */
export function TextInput({ label, value, onChange, error, description, type = 'text', isRequired, multiline, autoComplete, name }: TextInputProps) {
  return (
    <TextField
      className="field"
      value={value}
      onChange={onChange}
      isInvalid={error !== undefined}
      isRequired={isRequired}
      type={type}
      name={name ?? label}
      autoComplete={autoComplete}
      validationBehavior="aria"
    >
      <Label>{label}</Label>
      {multiline ? <TextArea rows={6} /> : <Input />}
      {description && <Text slot="description">{description}</Text>}
      <FieldError>{error}</FieldError>
    </TextField>
  );
}
