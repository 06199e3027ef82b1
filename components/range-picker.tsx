import { SegmentedControl } from '@/components/segmented-control';
import type { Range } from '@/lib/usage/overview-schemas';

const RANGE_OPTIONS = [
  { value: '24h', label: '24h', description: 'Last 24 hours, hourly' },
  { value: '7d', label: '7d', description: 'Last 7 days, hourly' },
  { value: '30d', label: '30d', description: 'Last 30 days, daily' },
  { value: '90d', label: '90d', description: 'Last 90 days, daily' },
] as const satisfies readonly { value: Range; label: string; description: string }[];

type RangePickerProps = { value: Range; onChange: (value: Range) => void };

export function RangePicker({ value, onChange }: RangePickerProps) {
  return <SegmentedControl label="Time range" options={RANGE_OPTIONS} value={value} onChange={onChange} testId="range-picker" />;
}
