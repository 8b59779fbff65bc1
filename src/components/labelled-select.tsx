/** Props of {@link LabelledSelect}. */
export interface LabelledSelectProps<Id extends string> {
  label: string;
  testId: string;
  value: Id;
  options: readonly { id: Id; label: string }[];
  onChange: (id: Id) => void;
  className?: string;
}

/** A select inside its label, among `options` (a value outside them is ignored). */
export function LabelledSelect<Id extends string>(props: LabelledSelectProps<Id>) {
  const { options } = props;
  return (
    <label className={props.className}>
      {props.label}
      <select
        data-testid={props.testId}
        value={props.value}
        onChange={(event) => {
          const option = options.find((entry) => entry.id === event.target.value);
          if (option) props.onChange(option.id);
        }}
      >
        {options.map((option) => (
          <option key={option.id} value={option.id}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  );
}
