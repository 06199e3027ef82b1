import { SegmentedControl } from '@/components/segmented-control';
import type { Unit } from '@/lib/usage/overview-schemas';

const UNIT_OPTIONS = [
  { value: 'cost', label: 'Cost' },
  { value: 'tokens', label: 'Tokens' },
  { value: 'requests', label: 'Requests' },
] as const satisfies readonly { value: Unit; label: string }[];

type UnitSwitchProps = { value: Unit; onChange: (value: Unit) => void };

export function UnitSwitch({ value, onChange }: UnitSwitchProps) {
  return <SegmentedControl label="Unit" options={UNIT_OPTIONS} value={value} onChange={onChange} testId="unit-switch" />;
}
